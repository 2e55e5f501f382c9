// collab completion bash|zsh|fish: a completion script generated from the CLI11 app itself, so it never drifts
// from --help. The hidden `collab completion --ids KIND` prints the collaborative's IDs for the scripts.
#include "common.h"
#include "io/diagnostic.h"
#include "io/yaml_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>


namespace collab::cli {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kShells = {"bash", "zsh", "fish"};
const std::vector<std::string> kIdKinds = {"teams", "members", "eois", "measures", "events", "cycles", "ideas", "surveys", "outcomes"};

// Values the scripts complete from the collaborative: `option` "" means the command's positional.
struct IdRule {
  const char* command;  // "*" for any command
  const char* option;
  const char* kind;
};
constexpr IdRule kIdRules[] = {
    {"enroll move-member", "", "members"}, {"enroll set-member", "", "members"},
    {"enroll remove-member", "", "members"}, {"enroll withdraw", "", "teams"},
    {"enroll teams", "", "eois"},          {"*", "--team", "teams"},
    {"enroll move-member", "--to", "teams"}, {"score-eoi", "--explain", "eois"},
    {"enroll add-team", "--eoi", "eois"},  {"*", "--measure", "measures"},
    {"schedule slots", "--event", "events"}, {"pdsa decide", "", "cycles"},
    {"pdsa add", "--builds-on", "cycles"},  {"*", "--idea", "ideas"},
    {"mel import", "--survey", "surveys"},  {"mel import", "--event", "events"},
    {"mel outcome", "--event", "events"},   {"mel contribute", "--event", "events"},
    {"mel outcome", "--member", "members"}, {"mel contribute", "--member", "members"},
    {"mel vote", "--voter", "members"},     {"mel substantiate", "", "outcomes"},
};

// Choices of options that take free text but have known values (IsMember choices come from the app).
struct ChoiceRule {
  const char* option;
  const char* choices;
};
constexpr ChoiceRule kChoiceRules[] = {
    {"--engagement", "passenger deep-diver crew"},
};

struct OptionInfo {
  std::vector<std::string> names;  // "-t", "--template"
  std::string description;
  // What its value is: "" (a flag), "none", "file", "dir", "choices:a b c", "ids:KIND".
  std::string kind;
};

struct CommandInfo {
  std::string path;  // "" for collab itself, "enroll import" for a nested one
  std::string description;
  std::vector<std::string> subcommands;
  std::vector<OptionInfo> options;
  std::string positional_kind;  // of the first positional, "" when it has none
};

std::vector<std::string> choices_of(const CLI::Option* opt) {
  std::string type = opt->get_type_name();
  auto open = type.find('{'), close = type.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> out;
  std::string item;
  for (char c : type.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  out.push_back(item);
  return out;
}

std::string id_kind(const std::string& path, const std::string& option) {
  for (const auto& r : kIdRules) {
    if ((r.command == std::string("*") || path == r.command) && option == r.option) return std::string("ids:") + r.kind;
  }
  return "";
}

std::string value_kind(const std::string& path, const CLI::Option* opt, const std::string& name) {
  if (std::string ids = id_kind(path, name); !ids.empty()) return ids;
  if (auto choices = choices_of(opt); !choices.empty()) return fmt::format("choices:{}", fmt::join(choices, " "));
  for (const auto& r : kChoiceRules) {
    if (name == r.option) return std::string("choices:") + r.choices;
  }
  std::string type = opt->get_type_name();
  if (type == "DIR" || name == "dir") return "dir";
  if (type == "CSV" || name == "csv" || name == "paths") return "file";
  return "none";  // free text: names, dates, time zones
}

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); });
}

void collect(const CLI::App& app, const std::string& path, std::vector<CommandInfo>& out) {
  CommandInfo info;
  info.path = path;
  info.description = app.get_description();
  for (const CLI::App* sub : visible_subcommands(app)) info.subcommands.push_back(sub->get_name());
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden
    if (!opt->nonpositional()) {
      if (info.positional_kind.empty()) {
        std::string name = opt->get_name(true);
        std::string ids = id_kind(path, "");
        info.positional_kind = !ids.empty() ? ids : value_kind(path, opt, name);
      }
      continue;
    }
    OptionInfo o;
    for (const auto& s : opt->get_snames()) o.names.push_back("-" + s);
    for (const auto& l : opt->get_lnames()) o.names.push_back("--" + l);
    o.description = opt->get_description();
    if (opt->get_type_size() != 0 && !opt->get_type_name().empty()) o.kind = value_kind(path, opt, o.names.back());
    info.options.push_back(o);
  }
  out.push_back(info);
  for (const CLI::App* sub : visible_subcommands(app)) {
    collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
  }
}

std::vector<std::string> all_names(const CommandInfo& c) {
  std::vector<std::string> names;
  for (const auto& o : c.options) names.insert(names.end(), o.names.begin(), o.names.end());
  return names;
}

// The shell functions bash and zsh share: plain `case` tables.
std::string shared_functions(const std::vector<CommandInfo>& commands) {
  std::string s;
  s += "_collab_subcommands() {\n  case \"$1\" in\n";
  for (const auto& c : commands) {
    if (!c.subcommands.empty()) s += fmt::format("    '{}') echo '{}' ;;\n", c.path, fmt::join(c.subcommands, " "));
  }
  s += "  esac\n}\n\n_collab_options() {\n  case \"$1\" in\n";
  for (const auto& c : commands) s += fmt::format("    '{}') echo '{}' ;;\n", c.path, fmt::join(all_names(c), " "));
  s += "  esac\n}\n\n# What an option's value is: empty for a flag; none, file, dir, choices:..., ids:KIND.\n";
  s += "_collab_value_kind() {\n  case \"$1|$2\" in\n";
  const CommandInfo* root = nullptr;
  for (const auto& c : commands) {
    if (c.path.empty()) {
      root = &c;
      continue;
    }
    for (const auto& o : c.options) {
      for (const auto& n : o.names) {
        if (!o.kind.empty()) s += fmt::format("    '{}|{}') echo '{}' ;;\n", c.path, n, o.kind);
      }
    }
  }
  if (root != nullptr) {  // the global options hold below every command
    for (const auto& o : root->options) {
      for (const auto& n : o.names) {
        if (!o.kind.empty()) s += fmt::format("    *'|{}') echo '{}' ;;\n", n, o.kind);
      }
    }
  }
  s += "  esac\n}\n\n_collab_positional_kind() {\n  case \"$1\" in\n";
  for (const auto& c : commands) {
    if (!c.positional_kind.empty()) s += fmt::format("    '{}') echo '{}' ;;\n", c.path, c.positional_kind);
  }
  s += "  esac\n}\n\n";
  s += "# $1: the collab command, $2: the -C folder (may be empty), $3: the kind of ID.\n"
       "_collab_ids() {\n"
       "  if [ -n \"$2\" ]; then \"$1\" -C \"$2\" completion --ids \"$3\" 2>/dev/null\n"
       "  else \"$1\" completion --ids \"$3\" 2>/dev/null; fi\n"
       "}\n\n"
       "# Walks the words before the cursor: sets cpath (the command) and cdir (-C's folder).\n"
       "_collab_walk() {\n"
       "  local i=1 w kind\n"
       "  cpath='' cdir=''\n"
       "  while [ \"$i\" -lt \"$_collab_cword\" ]; do\n"
       "    w=\"${_collab_words[$((i + _collab_base))]}\"\n"
       "    case \"$w\" in\n"
       "      --*=*) ;;\n"
       "      -*)\n"
       "        kind=\"$(_collab_value_kind \"$cpath\" \"$w\")\"\n"
       "        if [ -n \"$kind\" ]; then\n"
       "          [ \"$w\" = -C ] && cdir=\"${_collab_words[$((i + 1 + _collab_base))]}\"\n"
       "          i=$((i + 1))\n"
       "        fi ;;\n"
       "      *)\n"
       "        case \" $(_collab_subcommands \"$cpath\") \" in\n"
       "          *\" $w \"*) cpath=\"${cpath:+$cpath }$w\" ;;\n"
       "        esac ;;\n"
       "    esac\n"
       "    i=$((i + 1))\n"
       "  done\n"
       "}\n\n";
  return s;
}

std::string bash_script(const std::vector<CommandInfo>& commands) {
  std::string s = fmt::format("# bash completion for collab {}, generated by `collab completion bash`; do not edit.\n\n",
                              COLLAB_VERSION);
  s += shared_functions(commands);
  s += "_collab_complete_kind() {\n"
       "  case \"$1\" in\n"
       "    choices:*) COMPREPLY+=($(compgen -W \"${1#choices:}\" -- \"$cur\")) ;;\n"
       "    ids:*) COMPREPLY+=($(compgen -W \"$(_collab_ids \"${COMP_WORDS[0]}\" \"$cdir\" \"${1#ids:}\")\" -- \"$cur\")) ;;\n"
       "    dir) COMPREPLY+=($(compgen -d -- \"$cur\")) ;;\n"
       "    file) COMPREPLY+=($(compgen -f -- \"$cur\")) ;;\n"
       "  esac\n"
       "}\n\n"
       "_collab() {\n"
       "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev='' cpath cdir kind\n"
       "  local _collab_cword=$COMP_CWORD _collab_base=0\n"
       "  local -a _collab_words=(\"${COMP_WORDS[@]}\")\n"
       "  COMPREPLY=()\n"
       "  [ \"$COMP_CWORD\" -gt 0 ] && prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
       "  _collab_walk\n"
       "  if [[ \"$prev\" == -* ]]; then\n"
       "    kind=\"$(_collab_value_kind \"$cpath\" \"$prev\")\"\n"
       "    if [ -n \"$kind\" ]; then _collab_complete_kind \"$kind\"; return 0; fi\n"
       "  fi\n"
       "  if [[ \"$cur\" == -* ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$(_collab_options \"$cpath\")\" -- \"$cur\"))\n"
       "    return 0\n"
       "  fi\n"
       "  COMPREPLY=($(compgen -W \"$(_collab_subcommands \"$cpath\")\" -- \"$cur\"))\n"
       "  kind=\"$(_collab_positional_kind \"$cpath\")\"\n"
       "  [ -n \"$kind\" ] && _collab_complete_kind \"$kind\"\n"
       "  return 0\n"
       "}\n\n"
       "complete -F _collab collab\n";
  return s;
}

std::string zsh_script(const std::vector<CommandInfo>& commands) {
  std::string s = fmt::format("#compdef collab\n# zsh completion for collab {}, generated by `collab completion zsh`; do "
                              "not edit.\n\n",
                              COLLAB_VERSION);
  s += shared_functions(commands);
  s += "_collab_complete_kind() {\n"
       "  case \"$1\" in\n"
       "    choices:*) compadd -- ${=${1#choices:}} ;;\n"
       "    ids:*) compadd -- ${(f)\"$(_collab_ids \"${words[1]}\" \"$cdir\" \"${1#ids:}\")\"} ;;\n"
       "    dir) _files -/ ;;\n"
       "    file) _files ;;\n"
       "  esac\n"
       "}\n\n"
       "_collab() {\n"
       "  local cur=\"${words[CURRENT]}\" prev=\"${words[CURRENT-1]}\" cpath cdir kind\n"
       "  local _collab_cword=$((CURRENT - 1)) _collab_base=1\n"
       "  local -a _collab_words\n"
       "  _collab_words=(\"${words[@]}\")\n"
       "  _collab_walk\n"
       "  if [[ \"$prev\" == -* ]]; then\n"
       "    kind=\"$(_collab_value_kind \"$cpath\" \"$prev\")\"\n"
       "    if [[ -n \"$kind\" ]]; then _collab_complete_kind \"$kind\"; return; fi\n"
       "  fi\n"
       "  if [[ \"$cur\" == -* ]]; then\n"
       "    compadd -- ${=\"$(_collab_options \"$cpath\")\"}\n"
       "    return\n"
       "  fi\n"
       "  compadd -- ${=\"$(_collab_subcommands \"$cpath\")\"}\n"
       "  kind=\"$(_collab_positional_kind \"$cpath\")\"\n"
       "  [[ -n \"$kind\" ]] && _collab_complete_kind \"$kind\"\n"
       "}\n\n"
       "if [ \"$funcstack[1]\" = \"_collab\" ]; then\n"
       "  _collab \"$@\"\n"
       "else\n"
       "  compdef _collab collab\n"
       "fi\n";
  return s;
}

std::string fish_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string fish_values(const std::string& kind) {
  if (kind.rfind("choices:", 0) == 0) return " -x -a " + fish_quote(kind.substr(8));
  if (kind.rfind("ids:", 0) == 0) return " -x -a " + fish_quote("(collab completion --ids " + kind.substr(4) + ")");
  if (kind == "dir") return " -x -a '(__fish_complete_directories)'";
  if (kind == "file") return " -r -F";
  return " -x";
}

std::string fish_script(const std::vector<CommandInfo>& commands) {
  std::string s = fmt::format("# fish completion for collab {}, generated by `collab completion fish`; do not edit.\n\n",
                              COLLAB_VERSION);
  s += "function __collab_subcommands\n    switch \"$argv[1]\"\n";
  for (const auto& c : commands) {
    if (!c.subcommands.empty()) {
      s += fmt::format("        case {}\n            printf '%s\\n' {}\n", fish_quote(c.path), fmt::join(c.subcommands, " "));
    }
  }
  s += "    end\nend\n\n"
       "function __collab_path\n"
       "    set -l p ''\n"
       "    for w in (commandline -opc)[2..-1]\n"
       "        if contains -- $w (__collab_subcommands \"$p\")\n"
       "            if test -z \"$p\"\n                set p $w\n            else\n                set p \"$p $w\"\n            end\n"
       "        end\n"
       "    end\n"
       "    echo $p\n"
       "end\n\n"
       "function __collab_at\n    set -l p (__collab_path)\n    test \"$p\" = \"$argv[1]\"\nend\n\n"
       "complete -c collab -f\n";
  for (const auto& c : commands) {
    std::string cond = c.path.empty() ? "" : " -n " + fish_quote("__collab_at " + fish_quote(c.path));
    std::string at = " -n " + fish_quote("__collab_at " + fish_quote(c.path));
    for (const auto& o : c.options) {
      std::string names;
      for (const auto& n : o.names) {
        if (n.size() == 2) names += " -s " + n.substr(1);
        else if (n.rfind("--", 0) == 0) names += " -l " + n.substr(2);
        else names += " -o " + n.substr(1);
      }
      s += fmt::format("complete -c collab{}{}{} -d {}\n", cond, names, o.kind.empty() ? "" : fish_values(o.kind),
                       fish_quote(o.description.substr(0, o.description.find('\n'))));
    }
    for (const auto& sub : commands) {
      auto pos = sub.path.rfind(' ');
      std::string parent = pos == std::string::npos ? "" : sub.path.substr(0, pos);
      if (sub.path.empty() || parent != c.path) continue;
      s += fmt::format("complete -c collab{} -a {} -d {}\n", at, fish_quote(sub.path.substr(pos + 1)),
                       fish_quote(sub.description));
    }
    if (c.positional_kind.rfind("ids:", 0) == 0 || c.positional_kind.rfind("choices:", 0) == 0) {
      s += fmt::format("complete -c collab{}{}\n", at, fish_values(c.positional_kind));
    } else if (c.positional_kind == "file" || c.positional_kind == "dir") {
      s += fmt::format("complete -c collab{} -F\n", at);
    }
  }
  return s;
}

// The IDs of the items of a list in a YAML file (`members` of a team file), as far as they can be read.
void list_ids(const fs::path& file, const char* list, std::vector<std::string>& ids) {
  Diagnostics diags;
  auto doc = load_yaml_file(file.string(), file.string(), diags);
  if (!doc || !doc->json.is_object() || !doc->json.contains(list) || !doc->json[list].is_array()) return;
  for (const auto& m : doc->json[list]) {
    if (m.is_object() && m.contains("id") && m["id"].is_string()) ids.push_back(m["id"].get<std::string>());
  }
}

std::vector<fs::path> yaml_files(const fs::path& folder) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".yaml" || p.extension() == ".yml") files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// IDs of one kind, from file names (members from the team files, cycles from pdsa/<team>/, change ideas from
// driver-diagram.yaml and the teams' own_ideas); nothing at all when anything is amiss.
std::vector<std::string> ids_of(const Context& ctx, const std::string& kind) {
  std::vector<std::string> ids;
  auto root = locate_root(ctx);
  if (!root) return ids;
  if (kind == "cycles" || kind == "ideas") {
    if (kind == "ideas") {
      list_ids(*root / "driver-diagram.yaml", "change_ideas", ids);
      for (const auto& p : yaml_files(*root / "teams")) list_ids(p, "own_ideas", ids);
    } else {
      std::error_code ec;
      for (fs::directory_iterator it(*root / "pdsa", ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_directory(ec)) continue;
        for (const auto& p : yaml_files(it->path())) ids.push_back(p.stem().string());
      }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }
  for (const auto& p : yaml_files(*root / (kind == "members" ? "teams" : kind))) {
    if (kind == "members") {
      list_ids(p, "members", ids);
    } else {
      ids.push_back(p.stem().string());
    }
  }
  return ids;
}

struct CompletionOptions {
  std::string shell;
  std::string ids;
};

}  // namespace

std::string completion_script(const CLI::App& app, const std::string& shell) {
  std::vector<CommandInfo> commands;
  collect(app, "", commands);
  if (shell == "zsh") return zsh_script(commands);
  if (shell == "fish") return fish_script(commands);
  return bash_script(commands);
}

void register_completion(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<CompletionOptions>();
  CLI::App* cmd = app.add_subcommand("completion", "Print a shell completion script (docs/completion.md)");
  cmd->add_option("shell", opt->shell, "The shell: bash, zsh or fish")->check(CLI::IsMember(kShells));
  cmd->add_option("--ids", opt->ids, "Print the collaborative's IDs of one kind, one a line (for the scripts)")
      ->check(CLI::IsMember(kIdKinds))
      ->group("");
  const CLI::App* root = &app;
  cmd->callback([&ctx, opt, root] {
    if (!opt->ids.empty()) {
      for (const auto& id : ids_of(ctx, opt->ids)) fmt::print("{}\n", id);
      ctx.exit_code = kOk;
      return;
    }
    if (opt->shell.empty()) {
      ctx.exit_code = fail({ErrorKind::usage, "which shell? collab completion bash|zsh|fish"});
      return;
    }
    fmt::print("{}", completion_script(*root, opt->shell));
    ctx.exit_code = kOk;
  });
}

}  // namespace collab::cli
