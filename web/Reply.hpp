#pragma once
/// Reply: one API answer, an HTTP status and a JSON body, and how an error is written.

#include <string>

namespace memlit::web {

struct Reply {
    int status = 200;
    std::string body;  // a JSON document
};

/// `{"error": message}` with `status`.
Reply errorReply(int status, const std::string& message);

}  // namespace memlit::web
