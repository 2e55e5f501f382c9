// Errors are values in collab's library: a function that can fail returns Result<T>, and the CLI alone
// decides what to print and which exit code an ErrorKind becomes (docs/cli.md). No exception crosses the
// library's public functions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace collab {

enum class ErrorKind {
  usage,             // the caller asked for something impossible (bad option value)
  data,              // input data is malformed or inconsistent
  no_collaborative,  // no collab.yaml found
  cannot_create,     // refusing or failing to create an output (exists already, bad folder)
  io,                // reading or writing failed
  locked,            // another run holds the collaborative's lock
  internal,          // a bug
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}    // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// A reference or an error: for a function that hands out something it does not give away (the CLI's
// loaded project, which lives until the process exits).
template <class T>
class Result<T&> {
 public:
  Result(T& value) : v_(&value) {}                 // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}    // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() const { return *std::get<0>(v_); }
  T& operator*() const { return value(); }
  T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T*, Error> v_;
};

// For functions that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace collab
