#pragma once
// MaxPool<Pool> and AvgPool<Pool> (Keras MaxPooling2D, AveragePooling2D):
// no parameters; connections are the window links, Pool x Pool per output
// unit (the sheet counts 6 x 4 x 14 x 14 = 4,704 for S2 with max pooling).
#include "../counts.hpp"
#include "pool_core.hpp"

namespace ctnn {

template <count_t Pool, class... Options>
struct MaxPool {
  static constexpr std::string_view name = "MaxPool";

  template <Shape In>
  struct on : detail::PoolCore<In, Pool, Options...> {
    using core = detail::PoolCore<In, Pool, Options...>;
    static constexpr needs check = core::template check_pool<>();
    static constexpr Counts counts{0, 0, 0, core::window_links, 0};
  };
};

template <count_t Pool, class... Options>
struct AvgPool {
  static constexpr std::string_view name = "AvgPool";

  template <Shape In>
  struct on : detail::PoolCore<In, Pool, Options...> {
    using core = detail::PoolCore<In, Pool, Options...>;
    static constexpr needs check = core::template check_pool<>();
    static constexpr Counts counts{0, 0, 0, core::window_links, 0};
  };
};

}  // namespace ctnn
