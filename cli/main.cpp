// collab: run a learning collaborative kept as a folder of YAML files. This file only wires the global
// options and one register_<command> per cli/<command>.cpp; see docs/cli.md.
#include "common.h"

#include <fmt/format.h>

#include <cstdlib>
#include <exception>


namespace {

using collab::cli::Context;

struct CommandEntry {
  void (*register_command)(CLI::App&, Context&);
};

// Adding a subcommand: one row here, one cli/<name>.cpp, docs/cli.md, tests/e2e cases.
constexpr CommandEntry kCommands[] = {
    {collab::cli::register_init},
    {collab::cli::register_enroll},
    {collab::cli::register_score_eoi},
    {collab::cli::register_metrics},
    {collab::cli::register_report},
    {collab::cli::register_schedule},
    {collab::cli::register_pdsa},
    {collab::cli::register_mel},
    {collab::cli::register_validate},
    {collab::cli::register_completion},
    {collab::cli::register_man},
};

// CLI11's own message, in collab's words around it; its exit codes all become the one usage code.
int usage_error(const CLI::ParseError& e) {
  fmt::print(stderr, "collab: error: {}\nRun 'collab --help' or 'collab COMMAND --help' for the options.\n", e.what());
  return collab::cli::kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  Context ctx;
  if (const char* dir = std::getenv("COLLAB_DIR"); dir != nullptr) ctx.directory = dir;

  CLI::App app{"collab: run a learning collaborative kept as a folder of YAML files in git", "collab"};
  app.set_version_flag("--version", std::string("collab ") + COLLAB_VERSION);
  app.add_option("-C", ctx.directory, "Run as if started in DIR (overrides COLLAB_DIR)")->type_name("DIR");
  app.add_flag("-q,--quiet", ctx.quiet, "Print no summaries, only results and errors");
  app.add_flag("--no-color", ctx.no_color, "Never colour the output (NO_COLOR is honoured too)");
  app.require_subcommand(0, 1);
  app.fallthrough();
  for (const auto& c : kCommands) c.register_command(app, ctx);

  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) {
      fmt::print(stderr, "{}", app.help());
      return collab::cli::kUsage;
    }
    return ctx.exit_code;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError& e) {
    auto extras = app.remaining();
    if (app.get_subcommands().empty() && !extras.empty() && extras.front()[0] != '-') {
      fmt::print(stderr, "collab: error: unknown command '{}' (collab --help lists the commands)\n", extras.front());
      return collab::cli::kUsage;
    }
    return usage_error(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(e);
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "collab: internal error: out of memory\n");
    return collab::cli::kInternal;
  } catch (const std::exception& e) {
    fmt::print(stderr, "collab: internal error: {}\n", e.what());
    return collab::cli::kInternal;
  }
}
