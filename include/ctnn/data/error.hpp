#pragma once
// One exception type for every file reader and dataset helper, so a program
// can report bad input with a single catch and keep other failures apart.
#include <stdexcept>

namespace ctnn::data {

class data_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

}  // namespace ctnn::data
