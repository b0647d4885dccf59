#pragma once
// Network<Input<...>, L...>: one Boost.Hana fold over the layer list gives every
// layer its input shape, output shape, counts and the offsets of its
// parameters in the model's flat buffers. Everything else (static_asserts,
// summaries, buffer sizes, the training engine) reads that table.
#include <boost/hana/append.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/back.hpp>
#include <boost/hana/drop_front.hpp>
#include <boost/hana/fold_left.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/front.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>
#include <cstddef>

#include "counts.hpp"
#include "errors.hpp"
#include "layers/input.hpp"

namespace ctnn {

namespace hana = boost::hana;

// Parameter blocks start on 64-byte boundaries so every layer's kernels can
// use aligned SIMD loads on their own weights.
inline constexpr count_t param_alignment = 16;  // in elements; 64 bytes of float

namespace detail {

constexpr count_t align_up(count_t n, count_t a = param_alignment) { return (n + a - 1) / a * a; }

template <Shape S>
struct Start {
  static constexpr Shape output_shape = S;
  static constexpr std::size_t next_index = 0;
  static constexpr count_t param_end = 0, state_end = 0;
};

}  // namespace detail

// Layer I of a network: the kind (Dense<120>, ...) bound to its input shape,
// with its position in the network and in the parameter buffers.
template <class Kind, Shape In, std::size_t Index, count_t ParamOffset, count_t StateOffset>
struct Layer : Kind::template on<In>, counted<Kind::template on<In>::counts> {
  using kind = Kind;
  using impl = typename Kind::template on<In>;
  static constexpr std::string_view name = Kind::name;
  static constexpr std::size_t index = Index;
  static constexpr Shape input_shape = In;
  static constexpr Shape output_shape = impl::output_shape;
  // Trainable parameters live in one buffer, non-trainable state (moving
  // statistics, fixed centres) in another, each layer at an aligned offset.
  static constexpr count_t param_offset = ParamOffset;
  static constexpr count_t state_offset = StateOffset;
  static constexpr count_t param_end = detail::align_up(ParamOffset + impl::counts.trainable_params);
  static constexpr count_t state_end = detail::align_up(StateOffset + impl::counts.non_trainable_params);
  static constexpr std::size_t next_index = Index + 1;
  using got_type = got_t<In>;
};

namespace detail {

struct append_layer {
  template <class Acc, class K>
  constexpr auto operator()(Acc acc, K) const {
    using Prev = typename decltype(+hana::back(acc))::type;
    using Next = Layer<typename K::type, Prev::output_shape, Prev::next_index, Prev::param_end, Prev::state_end>;
    return hana::append(acc, hana::type_c<Next>);
  }
};

template <Shape In, class... L>
using layer_table = decltype(hana::drop_front(
    hana::fold_left(hana::tuple_t<L...>, hana::make_tuple(hana::type_c<Start<In>>), append_layer{})));

}  // namespace detail

// A first entry that is not Input, or no entry at all.
template <class... L>
struct Network {
  using first = typename decltype(+hana::front(hana::tuple_t<L..., empty_network>))::type;
  static_assert(network_error<network_needs::Input_as_first_layer, first>::ok);
};

template <count_t... D, class... L>
struct Network<Input<D...>, L...> {
  static constexpr Shape input_shape = Shape{D...};
  static constexpr std::size_t size = sizeof...(L);
  static_assert(network_error<size == 0 ? network_needs::a_layer_after_Input : network_needs::nothing, Input<D...>>::ok);

  // hana::tuple of hana::type<Layer<...>>, one per layer after Input.
  using layers = detail::layer_table<input_shape, L...>;

  template <std::size_t I>
  using layer = typename decltype(+hana::at_c<I>(layers{}))::type;

private:
  static constexpr std::size_t first_fault = hana::unpack(layers{}, [](auto... t) {
    std::size_t i = 0, found = size;
    ((found == size && decltype(t)::type::check != needs::nothing ? found = i : 0, ++i), ...);
    return found;
  });

  // Names the first faulty layer in the compiler's first error line:
  // layer_error is complete (with ok = true) only for a layer that fits.
  template <std::size_t I, bool Faulty = (I < size)>
  struct report {
    using F = layer<I>;
    static constexpr bool ok = layer_error<layer_index<I>, typename F::kind, typename F::got_type, F::check>::ok;
  };
  template <std::size_t I>
  struct report<I, false> {
    static constexpr bool ok = true;
  };
  static_assert(report<first_fault>::ok);

  static constexpr Counts sum_counts() {
    return hana::unpack(layers{}, [](auto... t) { return (Counts{} + ... + decltype(t)::type::counts); });
  }

public:
  static constexpr Shape output_shape = [] {
    if constexpr (size == 0) return input_shape;
    else return layer<size - 1>::output_shape;
  }();

  static constexpr Counts counts = sum_counts();
  static constexpr count_t trainable_params = counts.trainable_params;
  static constexpr count_t non_trainable_params = counts.non_trainable_params;
  static constexpr count_t total_params = counts.total_params();
  static constexpr count_t bias_params = counts.bias_params;
  static constexpr count_t params_without_bias = counts.params_without_bias();
  static constexpr count_t connections = counts.connections;
  static constexpr count_t bias_connections = counts.bias_connections;
  static constexpr count_t connections_without_bias = counts.connections_without_bias();

  // Sizes of the flat buffers, alignment padding included.
  static constexpr count_t param_buffer_size = [] {
    if constexpr (size == 0) return count_t{0};
    else return layer<size - 1>::param_end;
  }();
  static constexpr count_t state_buffer_size = [] {
    if constexpr (size == 0) return count_t{0};
    else return layer<size - 1>::state_end;
  }();

  // Calls f(hana::type_c<Layer>) for every layer, in order.
  template <class F>
  static constexpr void for_each_layer(F&& f) {
    hana::for_each(layers{}, f);
  }
};

}  // namespace ctnn
