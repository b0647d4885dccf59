// Shape: a literal value type, usable in static_assert and as a template argument.
#include <ctnn/shape.hpp>
#include <doctest/doctest.h>

#include <sstream>

using ctnn::Shape;

static_assert(Shape{10}.rank == 1 && Shape{10}.size() == 10 && Shape{10}.flat());
static_assert(Shape{28, 28, 6}.rank == 3 && Shape{28, 28, 6}.size() == 4'704 && Shape{28, 28, 6}.image());
static_assert(Shape{3, 1}.sequence() && Shape{3, 1}.channels() == 1);
static_assert(Shape{28, 28, 6}.channels() == 6);
static_assert(Shape{28, 28, 6} == Shape{28, 28, 6});
static_assert(Shape{28, 28, 6} != Shape{6, 28, 28});
static_assert(Shape{10} != Shape{10, 1});
static_assert(Shape{}.size() == 0);

template <Shape S>
struct tagged {
  static constexpr auto size = S.size();
};
static_assert(tagged<Shape{5, 5, 16}>::size == 400);

TEST_CASE("a shape prints as Keras prints it") {
  std::ostringstream os;
  os << Shape{28, 28, 6} << ' ' << Shape{10};
  CHECK(os.str() == "(28, 28, 6) (10,)");
}

TEST_CASE("sizes are 64-bit: a VGG-sized count does not overflow") {
  constexpr Shape big{224, 224, 64};
  CHECK(big.size() * 4096 * 3 == 224LL * 224 * 64 * 4096 * 3);
}
