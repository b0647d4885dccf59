#pragma once
// A small command-line parser for the example programs: --name value options
// with defaults shown in --help, flags, and clear errors for anything else.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ctnn::cli {

class usage_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Parser {
public:
  Parser(std::string program, std::string summary);

  // Declare options before parse(); the default is what --help shows.
  void option(const std::string& name, const std::string& value_name, const std::string& fallback,
              const std::string& help);
  void flag(const std::string& name, const std::string& help);

  // Returns false when --help was given (the help is then printed to stdout).
  // Throws usage_error for an unknown option or a missing value.
  bool parse(int argc, char** argv);

  std::string text(const std::string& name) const;
  long long integer(const std::string& name, long long min, long long max) const;
  double number(const std::string& name) const;
  bool is_set(const std::string& name) const;  // a flag given, or an option given explicitly
  std::string help() const;

private:
  struct Entry {
    std::string value_name, fallback, help, value;
    bool is_flag = false, given = false;
  };
  const Entry& entry(const std::string& name) const;
  std::string program_, summary_;
  std::vector<std::string> order_;
  std::map<std::string, Entry> entries_;
};

// Runs body with a parser; prints usage errors and returns 2, or 1 on other
// exceptions, as command-line programs do.
int run(int argc, char** argv, Parser& parser, int (*body)(const Parser&));

}  // namespace ctnn::cli
