#pragma once
// SIMD plumbing: the batch type xsimd picks for the instruction set the build
// targets, and aligned storage. Activations are stored feature-major with the
// batch innermost (element (f, b) at f * stride + b, stride a multiple of the
// SIMD width), so every kernel vectorizes over samples with full, aligned
// vectors whatever the layer's sizes.
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <xsimd/xsimd.hpp>

#include "../shape.hpp"

namespace ctnn {

template <class T>
using simd = xsimd::batch<T>;

template <class T>
inline constexpr count_t simd_width = static_cast<count_t>(simd<T>::size);

inline constexpr std::size_t buffer_alignment = 64;

// The sum of a vector's lanes. (xsimd::hadd on AVX-512 doubles trips GCC
// 12's uninitialized-variable warning inside the intrinsics.)
template <class T>
inline T lane_sum(simd<T> v) {
  alignas(buffer_alignment) T lanes[simd_width<T>];
  v.store_aligned(lanes);
  T sum = 0;
  for (const T x : lanes) sum += x;
  return sum;
}

constexpr count_t round_up(count_t n, count_t multiple) { return (n + multiple - 1) / multiple * multiple; }

// 64-byte aligned storage; in a constant expression it falls back to
// std::allocator so that models can be evaluated by the compiler.
template <class T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <class U>
  constexpr AlignedAllocator(const AlignedAllocator<U>&) noexcept {}

  constexpr T* allocate(std::size_t n) {
    if (std::is_constant_evaluated()) return std::allocator<T>{}.allocate(n);
    return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{buffer_alignment}));
  }
  constexpr void deallocate(T* p, std::size_t n) noexcept {
    if (std::is_constant_evaluated()) return std::allocator<T>{}.deallocate(p, n);
    ::operator delete(p, std::align_val_t{buffer_alignment});
  }
  template <class U>
  friend constexpr bool operator==(const AlignedAllocator&, const AlignedAllocator<U>&) noexcept {
    return true;
  }
};

}  // namespace ctnn
