#pragma once
// Subsample<Pool>: LeNet-5's trainable subsampling (LeCun et al. 1998, S2 and
// S4): each output is the sum of its Pool x Pool window times one trainable
// coefficient per map, plus one trainable bias per map. Counts: 2 params per
// map (1 with no_bias); Pool x Pool + 1 connections per output unit
// (6 x 14 x 14 x 5 = 5,880 for S2).
#include "../counts.hpp"
#include "pool_core.hpp"

namespace ctnn {

template <count_t Pool, class... Options>
struct Subsample {
  static constexpr std::string_view name = "Subsample";
  static constexpr bool use_bias = !detail::has_option<no_bias, Options...>;

  template <Shape In>
  struct on : detail::PoolCore<In, Pool, Options...> {
    using core = detail::PoolCore<In, Pool, Options...>;
    static constexpr needs check = core::template check_pool<no_bias>();
    static constexpr count_t biases = use_bias ? core::channels : 0;
    static constexpr count_t bias_links = use_bias ? core::output_shape.size() : 0;
    static constexpr Counts counts{core::channels + biases, 0, biases, core::window_links + bias_links, bias_links};
  };
};

}  // namespace ctnn
