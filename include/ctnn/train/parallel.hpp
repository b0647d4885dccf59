#pragma once
// Independent runs (trials, sweep points) spread over threads. Each index runs
// exactly once and writes its own result slot, so what a run computes does not
// depend on how many threads there are or which one took it.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ctnn {

// Calls task(i) for every i in [0, count) on `workers` threads, the calling
// thread among them; returns when all are done.
template <class Task>
void parallel_for(std::size_t count, unsigned workers, Task&& task) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < count;) task(i);
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < std::max(workers, 1u); ++t) pool.emplace_back(work);
  work();
}

}  // namespace ctnn
