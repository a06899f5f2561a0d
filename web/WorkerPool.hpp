#pragma once
/// WorkerPool: a fixed number of worker threads and a bounded queue of jobs. Each worker owns
/// its own T (a Checker, with its own Z3 context: a context must not be shared between
/// threads). A job offered when the queue is full is refused at once, so a burst of requests
/// gets "busy" answers instead of an ever-growing backlog.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace memlit::web {

template <typename T>
class WorkerPool {
public:
    using Job = std::function<void(T&)>;

    /// `workers` threads, each with the T that `make` returns; at most `queue` jobs waiting.
    WorkerPool(unsigned workers, std::size_t queue, const std::function<std::unique_ptr<T>()>& make)
        : capacity_(queue) {
        for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this, own = make()] { work(*own); });
    }

    /// Finishes the jobs already taken, drops the waiting ones (their promises break).
    ~WorkerPool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
            queue_.clear();
        }
        ready_.notify_all();
        for (auto& t : threads_) t.join();
    }

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// False, and the job is not kept, when the queue is full or the pool is stopping.
    bool offer(Job job) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_ || queue_.size() >= capacity_) return false;
            queue_.push_back(std::move(job));
        }
        ready_.notify_one();
        return true;
    }

private:
    void work(T& own) {
        for (;;) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (stopping_) return;
                job = std::move(queue_.front());
                queue_.pop_front();
            }
            job(own);
        }
    }

    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;  // last: started after the members they use
};

}  // namespace memlit::web
