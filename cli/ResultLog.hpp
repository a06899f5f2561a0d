#pragma once
/// ResultLog: the `--output FILE` of a batch — one JSON result per line, appended as each
/// test finishes and made durable at once (write, then fsync), so a batch that is killed
/// loses no finished result. With `--resume` the file is read first: its complete results
/// are kept and skipped, a last line cut short by the kill is dropped.

#include "report/Report.hpp"
#include "support/Diagnostics.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace memlit::cli {

class ResultLog {
public:
    /// Opens `path` for appending: emptied first, unless `resume`, which reads the results it
    /// holds. nullptr with diagnostics when it cannot be opened, or holds a line that is not a
    /// numbered result (`path:LINE:1: error: ...`).
    static std::unique_ptr<ResultLog> open(const std::string& path, bool resume, Diagnostics& diags);
    ~ResultLog();
    ResultLog(const ResultLog&) = delete;
    ResultLog& operator=(const ResultLog&) = delete;

    /// Appends one line (ending in '\n') and syncs it to disk; safe from several threads.
    /// False with a diagnostic on a write error.
    bool append(const std::string& line, Diagnostics& diags);

    /// The results read by --resume, by index.
    const std::map<std::size_t, report::ResultLine>& previous() const { return previous_; }
    const std::string& path() const { return path_; }

private:
    ResultLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
    bool readPrevious(Diagnostics& diags);

    std::string path_;
    int fd_;
    std::mutex mutex_;
    std::map<std::size_t, report::ResultLine> previous_;
};

}  // namespace memlit::cli
