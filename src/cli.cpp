#include "ctnn/cli.hpp"

#include <charconv>
#include <iostream>
#include <sstream>

namespace ctnn::cli {

Parser::Parser(std::string program, std::string summary) : program_(std::move(program)), summary_(std::move(summary)) {}

void Parser::option(const std::string& name, const std::string& value_name, const std::string& fallback,
                    const std::string& help) {
  order_.push_back(name);
  entries_[name] = Entry{value_name, fallback, help, fallback};
}

void Parser::flag(const std::string& name, const std::string& help) {
  order_.push_back(name);
  Entry e;
  e.help = help;
  e.is_flag = true;
  entries_[name] = e;
}

bool Parser::parse(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << help();
      return false;
    }
    std::string value;
    bool inline_value = false;
    if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    if (arg.rfind("--", 0) != 0 || !entries_.count(arg.substr(2)))
      throw usage_error("unknown argument '" + arg + "' (see --help)");
    Entry& e = entries_[arg.substr(2)];
    e.given = true;
    if (e.is_flag) {
      if (inline_value) throw usage_error(arg + " takes no value");
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argc) throw usage_error(arg + " needs a value: " + arg + " " + e.value_name);
      value = argv[++i];
    }
    e.value = value;
  }
  return true;
}

const Parser::Entry& Parser::entry(const std::string& name) const {
  const auto it = entries_.find(name);
  if (it == entries_.end()) throw std::logic_error("option --" + name + " was never declared");
  return it->second;
}

std::string Parser::text(const std::string& name) const { return entry(name).value; }

long long Parser::integer(const std::string& name, long long min, long long max) const {
  const std::string& v = entry(name).value;
  long long x = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc{} || end != v.data() + v.size())
    throw usage_error("--" + name + " takes a whole number, not '" + v + "'");
  if (x < min || x > max)
    throw usage_error("--" + name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                      ", not " + v);
  return x;
}

double Parser::number(const std::string& name) const {
  const std::string& v = entry(name).value;
  double x = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc{} || end != v.data() + v.size()) throw usage_error("--" + name + " takes a number, not '" + v + "'");
  return x;
}

bool Parser::is_set(const std::string& name) const { return entry(name).given; }

std::string Parser::help() const {
  std::ostringstream os;
  os << "Usage: " << program_ << " [options]\n\n" << summary_ << "\n\nOptions:\n";
  for (const auto& name : order_) {
    const Entry& e = entries_.at(name);
    std::string head = "  --" + name + (e.is_flag ? "" : " " + e.value_name);
    os << head << std::string(head.size() < 26 ? 26 - head.size() : 1, ' ') << e.help;
    if (!e.is_flag && !e.fallback.empty()) os << " (default: " << e.fallback << ")";
    os << '\n';
  }
  os << "  --help                  this text\n";
  return os.str();
}

int run(int argc, char** argv, Parser& parser, int (*body)(const Parser&)) {
  try {
    if (!parser.parse(argc, argv)) return 0;
    return body(parser);
  } catch (const usage_error& e) {
    std::cerr << parser.help() << "\nerror: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace ctnn::cli
