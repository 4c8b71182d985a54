// Status: the result of an operation that the input or the outside world can
// make fail. Modelled on leveldb::Status: a code plus a message that says
// where ("rules/ratio.toml:14:9: ..."). Cheap to copy; ok() has no message.
// [[nodiscard]]: a Status is handled or passed on, never dropped; a function
// that cannot fail returns void.
#ifndef VNREFORM_CORE_STATUS_H_
#define VNREFORM_CORE_STATUS_H_

#include <string>
#include <utility>

namespace vnreform {

class [[nodiscard]] Status {
 public:
  enum Code {
    kOk = 0,
    kInvalidArgument,
    kNotFound,
    kIOError,
    kNetwork,
    kParse,
    kInternal,
  };

  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(kInvalidArgument, std::move(m));
  }
  static Status NotFound(std::string m) { return Status(kNotFound, std::move(m)); }
  static Status IOError(std::string m) { return Status(kIOError, std::move(m)); }
  static Status Network(std::string m) { return Status(kNetwork, std::move(m)); }
  static Status Parse(std::string m) { return Status(kParse, std::move(m)); }
  static Status Internal(std::string m) { return Status(kInternal, std::move(m)); }

  bool ok() const { return code_ == kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "parse error: file:3: ..." ; "OK" when ok().
  std::string ToString() const;

  // This status, or `later`'s when this one is ok; when both failed, this
  // one with `later`'s message added. For a clean-up after an error (a
  // rollback) whose own failure must not hide the error, nor be lost.
  Status Then(const Status& later) const;

 private:
  Code code_ = kOk;
  std::string message_;
};

// Returns from the enclosing function when `expr` is not ok.
#define VNREFORM_RETURN_IF_ERROR(expr) \
  do {                                 \
    ::vnreform::Status _st = (expr);   \
    if (!_st.ok()) return _st;         \
  } while (0)

}  // namespace vnreform

#endif  // VNREFORM_CORE_STATUS_H_
