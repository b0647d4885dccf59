#pragma once
// Flatten: any shape to a flat vector of its size. No parameters, no connections.
#include "../counts.hpp"
#include "../errors.hpp"
#include "../kernels/step.hpp"

namespace ctnn {

struct Flatten {
  static constexpr std::string_view name = "Flatten";
  template <Shape In>
  struct on {
    static constexpr needs check = needs::nothing;
    static constexpr Shape output_shape = Shape{In.size()};
    static constexpr Counts counts{};

    // The memory layout is already flat (features x batch): a copy.
    template <class T>
    static constexpr void forward(const Step<T>& s, const T* x, T* y) {
      for (count_t i = 0; i < In.size() * s.stride; ++i) y[i] = x[i];
    }
    template <class T>
    static constexpr void backward(const Step<T>& s, const T*, const T*, const T* dy, T* dx) {
      if (dx)
        for (count_t i = 0; i < In.size() * s.stride; ++i) dx[i] = dy[i];
    }
  };
};

}  // namespace ctnn
