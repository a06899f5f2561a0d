#include "cli/ResultLog.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace memlit::cli {

std::unique_ptr<ResultLog> ResultLog::open(const std::string& path, bool resume, Diagnostics& diags) {
    const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (resume ? 0 : O_TRUNC);
    const int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) {
        diags.error(path, {}, std::string("cannot open the output file: ") + std::strerror(errno));
        return nullptr;
    }
    std::unique_ptr<ResultLog> log(new ResultLog(path, fd));
    if (resume && !log->readPrevious(diags)) return nullptr;
    return log;
}

ResultLog::~ResultLog() { ::close(fd_); }

bool ResultLog::readPrevious(Diagnostics& diags) {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    std::size_t begin = 0;
    std::uint32_t lineNo = 0;
    while (begin < all.size()) {
        const std::size_t end = all.find('\n', begin);
        if (end == std::string::npos) break;  // cut short by a kill: dropped below
        ++lineNo;
        const std::string line = all.substr(begin, end - begin);
        begin = end + 1;
        std::string error;
        auto r = report::readResultLine(line, error);
        if (!r) {
            diags.error(path_, {lineNo, 1}, error);
            return false;
        }
        previous_[r->index] = *r;
    }
    if (begin < all.size() && ::ftruncate(fd_, static_cast<off_t>(begin)) != 0) {
        diags.error(path_, {}, std::string("cannot drop its incomplete last line: ") + std::strerror(errno));
        return false;
    }
    return true;
}

bool ResultLog::append(const std::string& line, Diagnostics& diags) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            diags.error(path_, {}, std::string("cannot write a result: ") + std::strerror(errno));
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) {
        diags.error(path_, {}, std::string("cannot sync a result to disk: ") + std::strerror(errno));
        return false;
    }
    return true;
}

}  // namespace memlit::cli
