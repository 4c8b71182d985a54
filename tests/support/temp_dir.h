// A fresh directory under the system temp dir for one test, removed with
// everything in it when the TempDir goes out of scope.
#ifndef VNREFORM_TESTS_SUPPORT_TEMP_DIR_H_
#define VNREFORM_TESTS_SUPPORT_TEMP_DIR_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace vnreform::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path =
        std::filesystem::temp_directory_path() /
        ("vnreform_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `bytes` to path/name (making its folders); returns the file's path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::filesystem::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << bytes;
    return (path / name).string();
  }
  std::string Db() const { return (path / "test.db").string(); }

  std::filesystem::path path;
};

}  // namespace vnreform::testing

#endif  // VNREFORM_TESTS_SUPPORT_TEMP_DIR_H_
