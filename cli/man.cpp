// collab man [--out DIR]: roff man pages generated from the CLI11 app (collab.1, collab-<command>.1 and
// collab-<command>-<sub>.1 for nested ones), so they never drift from --help.
#include "common.h"
#include "io/files.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>


namespace collab::cli {
namespace {

namespace fs = std::filesystem;

// docs/cli.md, "Exit codes": keep the two in step.
struct ExitRow {
  int code;
  const char* meaning;
};
constexpr ExitRow kExitCodes[] = {
    {kOk, "success; for validate, no errors (warnings allowed unless --strict)"},
    {kFindings, "findings: validate found problems; metrics --check found something overdue; an import refused a row"},
    {kUsage, "usage: unknown command or option, a bad option value, a missing required option"},
    {kBadData, "bad data: a command other than validate could not use the collaborative's files"},
    {kNoCollaborative, "no collaborative: no collab.yaml here or above (or in -C DIR / COLLAB_DIR)"},
    {kInternal, "internal error: a bug in collab; please report it"},
    {kCannotCreate,
     "cannot create: init into a folder that holds a collaborative already, or a file would be overwritten"},
    {kIoError, "input/output error: a file could not be read or written"},
    {kLocked, "locked: another collab run is writing to the collaborative"},
};

// Text for roff: backslashes escaped, hyphens kept literal, no line starting with a control character.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); });
}

std::string header(const std::string& name) {
  std::string upper;
  for (char c : name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return fmt::format(".TH {} 1 \"\" \"collab {}\" \"User Commands\"\n", roff(upper), COLLAB_VERSION);
}

std::string option_label(const CLI::Option* opt) {
  std::vector<std::string> names;
  for (const auto& s : opt->get_snames()) names.push_back("\\fB\\-" + roff(s) + "\\fR");
  for (const auto& l : opt->get_lnames()) names.push_back("\\fB\\-\\-" + roff(l) + "\\fR");
  std::string label = fmt::format("{}", fmt::join(names, ", "));
  if (opt->get_type_size() != 0 && !opt->get_type_name().empty()) {
    std::string type = opt->get_type_name();
    if (type.rfind("TEXT:{", 0) == 0) type = type.substr(5);  // the choices say more than TEXT
    label += " \\fI" + roff(type) + "\\fR";
  }
  return label;
}

std::string page(const CLI::App& app, const std::string& path) {
  const bool is_root = path.empty();
  const std::string name = is_root ? "collab" : "collab-" + [&] {
    std::string dashed = path;
    for (char& c : dashed) if (c == ' ') c = '-';
    return dashed;
  }();
  std::string description = app.get_description();
  if (description.rfind("collab: ", 0) == 0) description = description.substr(8);

  std::string s = header(name);
  s += fmt::format(".SH NAME\n{} \\- {}\n", roff(name), roff(description));

  std::vector<const CLI::Option*> options, positionals;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;
    (opt->nonpositional() ? options : positionals).push_back(opt);
  }
  auto subs = visible_subcommands(app);

  s += ".SH SYNOPSIS\n.B collab\n";
  if (is_root) {
    s += "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n";
  } else {
    s += fmt::format("{} [\\fIOPTIONS\\fR]", roff(path));
    if (!subs.empty()) s += " \\fICOMMAND\\fR";
    for (const CLI::Option* p : positionals) {
      std::string pname = roff(p->get_name(true));
      s += p->get_required() ? fmt::format(" \\fI{}\\fR", pname) : fmt::format(" [\\fI{}\\fR]", pname);
      if (p->get_items_expected_max() > 1) s += "...";
    }
    s += "\n";
  }

  s += fmt::format(".SH DESCRIPTION\n{}\n", roff(is_root ? "collab: " + description + "." : description));
  if (is_root) {
    s += ".PP\nThe collaborative is the folder holding \\fBcollab.yaml\\fR: the current folder or the nearest one "
         "above it, or the one given with \\fB\\-C\\fR or \\fBCOLLAB_DIR\\fR.\n";
  }

  if (!positionals.empty()) {
    s += ".SH ARGUMENTS\n";
    for (const CLI::Option* p : positionals) {
      s += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(p->get_name(true)), roff(p->get_description()));
    }
  }
  if (!options.empty()) {
    s += ".SH OPTIONS\n";
    for (const CLI::Option* o : options) {
      std::string text = o->get_description();
      if (!o->get_default_str().empty()) text += " (default: " + o->get_default_str() + ")";
      if (o->get_required()) text += " (required)";
      s += fmt::format(".TP\n{}\n{}\n", option_label(o), roff(text));
    }
  }
  if (!subs.empty()) {
    s += ".SH COMMANDS\n";
    for (const CLI::App* sub : subs) {
      std::string sub_path = is_root ? sub->get_name() : path + " " + sub->get_name();
      std::string sub_page = "collab-" + sub_path;
      for (char& c : sub_page) if (c == ' ') c = '-';
      s += fmt::format(".TP\n\\fB{}\\fR\n{} See \\fB{}\\fR(1).\n", roff(sub->get_name()), roff(sub->get_description()),
                       roff(sub_page));
    }
  }
  if (is_root) {
    s += ".SH ENVIRONMENT\n"
         ".TP\n\\fBCOLLAB_DIR\\fR\nThe collaborative's folder, as with \\fB\\-C\\fR (which overrides it).\n"
         ".TP\n\\fBNO_COLOR\\fR\nWhen set and not empty, never colour the output.\n";
  }
  s += ".SH EXIT STATUS\n";
  for (const auto& row : kExitCodes) s += fmt::format(".TP\n\\fB{}\\fR\n{}\n", row.code, roff(row.meaning));
  s += ".SH SEE ALSO\n";
  if (is_root) {
    std::vector<std::string> refs;
    for (const CLI::App* sub : subs) refs.push_back(fmt::format("\\fBcollab\\-{}\\fR(1)", roff(sub->get_name())));
    s += fmt::format("{}\n", fmt::join(refs, ", "));
  } else {
    s += "\\fBcollab\\fR(1)\n";
  }
  return s;
}

void collect(const CLI::App& app, const std::string& path, std::vector<std::pair<std::string, std::string>>& pages) {
  std::string file = "collab";
  if (!path.empty()) {
    file += "-" + path;
    for (char& c : file) if (c == ' ') c = '-';
  }
  pages.emplace_back(file + ".1", page(app, path));
  for (const CLI::App* sub : visible_subcommands(app)) {
    collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), pages);
  }
}

int run_man(const CLI::App& root, const std::string& out) {
  std::vector<std::pair<std::string, std::string>> pages;
  collect(root, "", pages);
  if (out.empty()) {
    fmt::print("{}", pages.front().second);
    return kOk;
  }
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return fail({ErrorKind::cannot_create, fmt::format("{}: cannot create the folder: {}", out, ec.message())});
  for (const auto& [file, text] : pages) {
    if (Status s = write_file_atomic(fs::path(out) / file, text); !s) return fail(s.error());
  }
  return kOk;
}

}  // namespace

void register_man(CLI::App& app, Context& ctx) {
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("man", "Write the man pages (collab.1, collab-COMMAND.1) into a folder");
  cmd->add_option("--out", *out, "Folder to write the pages into (default: print collab.1)")->type_name("DIR");
  const CLI::App* root = &app;
  cmd->callback([&ctx, out, root] { ctx.exit_code = run_man(*root, *out); });
}

}  // namespace collab::cli
