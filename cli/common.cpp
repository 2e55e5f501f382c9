#include "common.h"

#include "check/checks.h"
#include "io/files.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace collab::cli {

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage: return kUsage;
    case ErrorKind::data: return kBadData;
    case ErrorKind::no_collaborative: return kNoCollaborative;
    case ErrorKind::cannot_create: return kCannotCreate;
    case ErrorKind::io: return kIoError;
    case ErrorKind::locked: return kLocked;
    case ErrorKind::internal: return kInternal;
  }
  return kInternal;
}

int fail(const Error& error) {
  fmt::print(stderr, "collab: error: {}\n", error.message);
  return exit_code_for(error.kind);
}

Result<std::filesystem::path> locate_root(const Context& ctx) {
  return find_root(ctx.directory.empty() ? std::filesystem::path(".") : std::filesystem::path(ctx.directory));
}

model::Project& keep_until_exit(model::Project&& project) {
  static auto* kept = new std::vector<std::unique_ptr<model::Project>>();  // never destroyed: see common.h
  kept->push_back(std::make_unique<model::Project>(std::move(project)));
  return *kept->back();
}

Result<model::Project&> load_valid_project(const Context& ctx, const char* verb,
                                           const std::optional<std::set<model::FileKind>>& only) {
  auto root = locate_root(ctx);
  if (!root) return root.error();
  std::string shown = display_folder(*root);
  Diagnostics diags;
  model::Project& project = keep_until_exit(model::load_project(*root, shown == "." ? "" : shown, diags, {}, only));
  check::check_project(project, diags);
  if (!diags.has_errors()) return project;
  diags.sort();
  for (const auto& d : diags.items()) {
    if (d.severity == Severity::error) fmt::print(stderr, "{}\n", format_text(d));
  }
  return Error{ErrorKind::data, fmt::format("{} error(s) in the collaborative; nothing was {} (collab validate lists them)",
                                            diags.error_count(), verb)};
}

Result<std::optional<Lock>> lock_for_writing(const Context& ctx, bool dry_run) {
  if (dry_run) return std::optional<Lock>();
  auto root = locate_root(ctx);
  if (!root) return root.error();
  auto lock = Lock::acquire(*root);
  if (!lock) return lock.error();
  return std::optional<Lock>(std::move(*lock));
}

Result<date::sys_seconds> source_date_epoch_or_now() {
  const char* sde = std::getenv("SOURCE_DATE_EPOCH");
  if (sde == nullptr || sde[0] == '\0') return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(sde, &end, 10);
  if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL) {  // up to 9999-12-31T23:59:59Z
    return Error{ErrorKind::usage, fmt::format("SOURCE_DATE_EPOCH={}: expected a number of seconds since 1970", sde)};
  }
  return date::sys_seconds{std::chrono::seconds{v}};
}

void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& choices) {
  format = choices.front();
  app.add_option("--format", format, fmt::format("Output format: {}", fmt::join(choices, ", ")))
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

bool use_color(const Context& ctx, int fd) {
  if (ctx.no_color) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return ::isatty(fd) != 0;
}

std::string paint_severity(Severity s, bool color) {
  if (!color) return severity_name(s);
  return s == Severity::error ? "\033[1;31merror\033[0m" : "\033[1;33mwarning\033[0m";
}

const CLI::Validator kNotEmpty(
    [](std::string& value) {
      return value.find_first_not_of(" \t\r\n") == std::string::npos ? std::string("empty: give a value, or leave the option out")
                                                                        : std::string();
    },
    "", "not empty");

CLI::App* add_writer(CLI::App* parent, const char* name, const char* description, WriterOptions& common) {
  CLI::App* cmd = parent->add_subcommand(name, description);
  add_format_option(*cmd, common.format, {"text", "json"});
  cmd->add_flag("--dry-run", common.dry_run, "Print what would change, and write nothing");
  return cmd;
}

nlohmann::json diagnostics_json(const Diagnostics& diags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : diags.items()) {
    out.push_back({{"file", d.where.file}, {"line", d.where.line}, {"column", d.where.column},
                   {"severity", severity_name(d.severity)}, {"message", d.message}});
  }
  return out;
}

void print_diagnostics_text(const Diagnostics& diags, bool color) {
  for (const auto& d : diags.items()) {
    std::string line = format_text(d);
    if (color) {
      std::string plain = std::string(": ") + severity_name(d.severity) + ": ";
      auto pos = line.find(plain);
      if (pos != std::string::npos) line.replace(pos, plain.size(), ": " + paint_severity(d.severity, true) + ": ");
    }
    fmt::print("{}\n", line);
  }
}

}  // namespace collab::cli
