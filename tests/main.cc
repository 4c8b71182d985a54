// The one Catch2 main for vnreform_tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
