#include "cli/CheckBatch.hpp"

#include "engine/ArchVocabulary.hpp"

#include <algorithm>
#include <memory>
#include <thread>

namespace memlit::cli {

ExitCode worseCheckStatus(ExitCode a, ExitCode b) {
    if (a == ExitOk) return b;
    if (a == ExitSolverUnknown && b == ExitInputError) return b;
    return a;
}

CheckBatch::CheckBatch(const CheckArgs& args, std::vector<BatchItem> items, std::size_t total, ResultLog* log,
                       Progress* progress, std::ostream& out, std::ostream& err)
    : args_(args), items_(std::move(items)), total_(total), log_(log), progress_(progress), out_(out), err_(err),
      models_(engine::architectureVocabulary(), args.catDirs, args.variants, args.bell) {
    unsigned jobs = args.jobs > 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs_ = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, items_.size())));
    window_ = 8 * static_cast<std::size_t>(jobs_);
}

ExitCode CheckBatch::run(Lifetime lifetime) {
    std::vector<std::unique_ptr<TestChecker>> checkers;
    for (unsigned i = 0; i < jobs_; ++i) checkers.push_back(std::make_unique<TestChecker>(args_, models_));
    if (jobs_ == 1) {
        work(*checkers[0]);
    } else {
        std::vector<std::thread> threads;
        for (auto& c : checkers) threads.emplace_back([this, &c] { work(*c); });
        for (auto& t : threads) t.join();
    }
    if (lifetime == Lifetime::Process)
        for (auto& c : checkers) c->skipFreeingSolver();  // see Lifetime::Process
    if (progress_) progress_->hide();
    return status_ == ExitOk && mismatch_ ? ExitMismatch : status_;
}

void CheckBatch::work(TestChecker& checker) {
    std::size_t slot = 0;
    while (claim(slot)) {
        const BatchItem& item = items_[slot];
        Finished f;
        try {
            f = checker.check(item.input, item.index, total_);
        } catch (const std::exception& e) {
            // A bug (say, text Z3 or JSON cannot take) ends this test, not the batch.
            f.index = item.index;
            f.name = item.input.path;
            f.err = "memlit: internal error: " + item.input.path + ": " + e.what() + "\n";
            f.status = ExitInternal;
        }
        deliver(slot, std::move(f));
    }
}

bool CheckBatch::claim(std::size_t& slot) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return next_ >= items_.size() || next_ < printed_ + window_; });
    if (next_ >= items_.size()) return false;
    slot = next_++;
    return true;
}

void CheckBatch::deliver(std::size_t slot, Finished f) {
    Diagnostics logDiags;
    const bool logged = !log_ || f.json.empty() || log_->append(f.json, logDiags);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!logged) {
        f.err += logDiags.all().empty() ? "" : Diagnostics::format(logDiags.all().back()) + "\n";
        f.status = ExitInternal;
    }
    if (progress_) progress_->finished(f.name, f.seconds);
    ready_.emplace(slot, std::move(f));
    bool moved = false;
    for (auto it = ready_.find(printed_); it != ready_.end(); it = ready_.find(printed_)) {
        print(it->second);
        ready_.erase(it);
        ++printed_;
        moved = true;
    }
    if (moved) room_.notify_all();
}

void CheckBatch::print(Finished& f) {
    if (progress_) progress_->hide();
    if (!f.modelErr.empty() && modelsReported_.insert(f.model).second) err_ << f.modelErr;
    err_ << f.err;
    err_.flush();
    out_ << f.out;
    out_.flush();
    if (progress_) progress_->redraw();
    mismatch_ = mismatch_ || f.mismatch;
    for (auto& p : f.pictures) pictures_.push_back(std::move(p));
    status_ = f.status == ExitInternal || status_ == ExitInternal ? ExitInternal : worseCheckStatus(status_, f.status);
}

}  // namespace memlit::cli
