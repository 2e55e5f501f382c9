#include "enroll/form.h"

#include "core/text.h"
#include "core/slug.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace collab::enroll {
namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr std::string_view kNbsp = "\xC2\xA0";

// Surrounding spaces, no-break spaces included.
std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) {
      s.remove_prefix(1);
    } else if (s.substr(0, 2) == kNbsp) {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == kNbsp) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string lower(std::string_view s) { return ascii_lower(s); }

// ---- dates -------------------------------------------------------------------------------------------

struct Token {
  bool number = false;
  std::string text;
  char gap = 0;  // the separator after this token: ' ' (spaces only), one of / - . , or 0 (none, last)
};

// Numbers, ASCII words and the separators between them; fails on anything else, on two punctuation
// marks in one gap, and on a trailing separator.
std::optional<std::vector<Token>> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    Token t;
    size_t start = i;
    if (is_digit(s[i])) {
      t.number = true;
      while (i < s.size() && is_digit(s[i])) ++i;
    } else if (is_alpha(s[i])) {
      while (i < s.size() && is_alpha(s[i])) ++i;
    } else {
      return std::nullopt;
    }
    t.text = lower(s.substr(start, i - start));
    // An ordinal suffix right after a number: 4th, 1st, 2nd, 3rd.
    if (!t.number && !out.empty() && out.back().number && out.back().gap == 0 &&
        (t.text == "st" || t.text == "nd" || t.text == "rd" || t.text == "th")) {
      t = Token{};
    } else if (!out.empty() && out.back().gap == 0 && out.back().number == t.number) {
      return std::nullopt;
    } else {
      out.push_back(std::move(t));
    }
    char punct = 0;
    bool spaces = false;
    while (i < s.size() && (s[i] == ' ' || s[i] == '/' || s[i] == '-' || s[i] == '.' || s[i] == ',')) {
      if (s[i] == ' ') {
        spaces = true;
      } else if (punct != 0) {
        return std::nullopt;
      } else {
        punct = s[i];
      }
      ++i;
    }
    if (punct != 0 || spaces) {
      if (i == s.size()) return std::nullopt;
      if (out.empty()) return std::nullopt;
      out.back().gap = punct != 0 ? punct : ' ';
    }
  }
  return out;
}

std::optional<unsigned> month_of(const std::string& word) {
  static const char* const names[] = {"january", "february", "march",     "april",   "may",      "june",
                                      "july",    "august",   "september", "october", "november", "december"};
  for (unsigned m = 0; m < 12; ++m) {
    std::string_view name = names[m];
    if (word == name || (word.size() == 3 && name.substr(0, 3) == word)) return m + 1;
  }
  if (word == "sept") return 9;
  return std::nullopt;
}

bool is_weekday(const std::string& word) {
  static const char* const names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::string_view name : names)
    if (word == name || (word.size() == 3 && name.substr(0, 3) == word)) return true;
  return false;
}

std::optional<int> small_number(const Token& t, size_t max_digits) {
  if (!t.number || t.text.empty() || t.text.size() > max_digits) return std::nullopt;
  return std::atoi(t.text.c_str());
}

// A 4-digit year, or a 2-digit one read as 20yy.
std::optional<int> year_of(const Token& t) {
  if (!t.number) return std::nullopt;
  if (t.text.size() == 4) return std::atoi(t.text.c_str());
  if (t.text.size() == 2) return 2000 + std::atoi(t.text.c_str());
  return std::nullopt;
}

std::optional<Date> make_date(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
  Date date{date::year{*y}, date::month{static_cast<unsigned>(*m)}, date::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

bool numeric_gap(char g) { return g == '/' || g == '-' || g == '.'; }

}  // namespace

std::optional<Date> form_date(std::string_view cell, DateOrder order) {
  auto tokens = tokenize(trim(cell));
  if (!tokens) return std::nullopt;
  std::vector<Token> t = std::move(*tokens);
  if (t.size() == 4 && !t[0].number && is_weekday(t[0].text) && (t[0].gap == ',' || t[0].gap == ' ')) {
    t.erase(t.begin());
  }
  if (t.size() != 3) return std::nullopt;
  const bool n0 = t[0].number, n1 = t[1].number, n2 = t[2].number;
  if (n0 && n1 && n2) {
    if (!numeric_gap(t[0].gap) || t[1].gap != t[0].gap) return std::nullopt;
    if (t[0].text.size() == 4) return make_date(year_of(t[0]), small_number(t[1], 2), small_number(t[2], 2));
    if (order == DateOrder::ymd) return std::nullopt;
    auto a = small_number(t[0], 2), b = small_number(t[1], 2);
    auto y = year_of(t[2]);
    return order == DateOrder::mdy ? make_date(y, a, b) : make_date(y, b, a);
  }
  if (n0 && !n1 && n2) {  // 4 March 2026, 4-Mar-2026, 2026-Mar-04
    auto m = month_of(t[1].text);
    if (!m) return std::nullopt;
    if (t[0].text.size() == 4) return make_date(year_of(t[0]), static_cast<int>(*m), small_number(t[2], 2));
    return make_date(year_of(t[2]), static_cast<int>(*m), small_number(t[0], 2));
  }
  if (!n0 && n1 && n2) {  // March 4, 2026
    auto m = month_of(t[0].text);
    if (!m) return std::nullopt;
    return make_date(year_of(t[2]), static_cast<int>(*m), small_number(t[1], 2));
  }
  return std::nullopt;
}

namespace {

// Reads `width` (or fewer, down to `min_width`) digits at text[i]; advances i.
std::optional<int> read_digits(std::string_view text, size_t& i, size_t min_width, size_t width) {
  size_t b = i;
  while (i < text.size() && i - b < width && is_digit(text[i])) ++i;
  if (i - b < min_width) return std::nullopt;
  return std::atoi(std::string(text.substr(b, i - b)).c_str());
}

bool take(std::string_view text, size_t& i, char c) {
  if (i < text.size() && (text[i] == c || (is_alpha(c) && (text[i] | 0x20) == c))) {
    ++i;
    return true;
  }
  return false;
}

bool take_word(std::string_view text, size_t& i, std::string_view word) {
  if (i + word.size() > text.size() || lower(text.substr(i, word.size())) != word) return false;
  i += word.size();
  return true;
}

void skip_spaces(std::string_view text, size_t& i) {
  while (i < text.size() && text[i] == ' ') ++i;
}

}  // namespace

std::optional<std::string> form_timestamp(std::string_view cell, DateOrder order) {
  std::string_view text = trim(cell);
  if (text.empty() || text.size() > 100) return std::nullopt;
  // Dates hold no ':', so the first one is the time's: its hour is the 1 or 2 digits before it.
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    auto d = form_date(text, order);
    if (!d) return std::nullopt;
    return format_date(*d) + "T00:00:00";
  }
  size_t h0 = colon;
  while (h0 > 0 && colon - h0 < 2 && is_digit(text[h0 - 1])) --h0;
  if (h0 == colon || h0 == 0) return std::nullopt;
  // Between the date and the time: spaces, a comma, or ISO 8601's T.
  size_t date_end = h0;
  if (date_end > 0 && (text[date_end - 1] == 'T' || text[date_end - 1] == 't')) {
    --date_end;
  } else if (date_end > 0 && (text[date_end - 1] == ' ' || text[date_end - 1] == ',')) {
    while (date_end > 0 && (text[date_end - 1] == ' ' || text[date_end - 1] == ',')) --date_end;
    if (std::count(text.begin() + static_cast<long>(date_end), text.begin() + static_cast<long>(h0), ',') > 1) return std::nullopt;
  } else {
    return std::nullopt;
  }
  auto d = form_date(text.substr(0, date_end), order);
  if (!d) return std::nullopt;

  size_t i = h0;
  auto hour = read_digits(text, i, 1, 2);
  if (!hour || !take(text, i, ':')) return std::nullopt;
  auto minute = read_digits(text, i, 2, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  if (take(text, i, ':')) {
    auto s = read_digits(text, i, 2, 2);
    if (!s) return std::nullopt;
    second = *s;
    if (take(text, i, '.') || take(text, i, ',')) {  // fractions of a second
      if (!read_digits(text, i, 1, 9)) return std::nullopt;
      while (i < text.size() && is_digit(text[i])) ++i;
    }
  }
  int h = *hour;
  skip_spaces(text, i);
  if (i < text.size() && (text[i] == 'a' || text[i] == 'A' || text[i] == 'p' || text[i] == 'P')) {
    bool pm = text[i] == 'p' || text[i] == 'P';
    ++i;
    take(text, i, '.');
    if (!take(text, i, 'm')) return std::nullopt;
    take(text, i, '.');
    if (h < 1 || h > 12) return std::nullopt;
    if (h == 12) h = 0;
    if (pm) h += 12;
    skip_spaces(text, i);
  }
  // A zone, read and not applied.
  if (i < text.size()) {
    if (!take_word(text, i, "utc") && !take_word(text, i, "gmt") && !take(text, i, 'z')) {
      if (!take(text, i, '+') && !take(text, i, '-')) return std::nullopt;
      if (!read_digits(text, i, 2, 2)) return std::nullopt;
      if (i < text.size()) {
        take(text, i, ':');
        if (!read_digits(text, i, 2, 2)) return std::nullopt;
      }
    }
    if (i != text.size()) return std::nullopt;
  }
  if (h > 23 || *minute > 59 || second > 59) return std::nullopt;
  return fmt::format("{}T{:02}:{:02}:{:02}", format_date(*d), h, *minute, second);
}

std::optional<bool> yes_no(std::string_view cell) {
  std::string v = lower(trim(cell));
  while (!v.empty() && (v.back() == '.' || v.back() == '!')) v.pop_back();
  for (size_t p = v.find("\xC3\x8D"); p != std::string::npos; p = v.find("\xC3\x8D")) v.replace(p, 2, "\xC3\xAD");  // Í -> í
  static const char* const yes[] = {"yes", "y", "true", "1", "checked", "x", "\xE2\x9C\x93", "\xE2\x9C\x94", "oui",
                                    "s\xC3\xAD", "si"};
  static const char* const no[] = {"no", "n", "false", "0", "unchecked", "non"};
  for (const char* y : yes)
    if (v == y) return true;
  for (const char* n : no)
    if (v == n) return false;
  return std::nullopt;
}

std::optional<double> form_number(std::string_view cell) {
  std::string_view v = trim(cell);
  if (v.empty() || v.size() > 64) return std::nullopt;
  size_t i = 0, digits = 0;
  if (v[i] == '+' || v[i] == '-') ++i;
  for (; i < v.size() && is_digit(v[i]); ++i) ++digits;
  if (i < v.size() && v[i] == '.') {
    for (++i; i < v.size() && is_digit(v[i]); ++i) ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    size_t b = i;
    while (i < v.size() && is_digit(v[i])) ++i;
    if (i == b) return std::nullopt;
  }
  if (i != v.size()) return std::nullopt;
  std::string text(v);
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

namespace {

// The text an option is compared by: lower-case ASCII, one space between words, no final punctuation.
std::string option_key(std::string_view s) {
  std::string out;
  bool gap = false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (is_space(c) || s.substr(i, 2) == kNbsp) {
      if (c == 0xC2) ++i;
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  for (;;) {
    if (!out.empty() && std::strchr(".,;:!? ", out.back()) != nullptr) {
      out.pop_back();
    } else if (out.size() >= 3 && out.compare(out.size() - 3, 3, "\xE2\x80\xA6") == 0) {  // …
      out.resize(out.size() - 3);
    } else {
      break;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> option_match(std::string_view cell, const std::vector<std::string>& options) {
  std::string key = option_key(cell);
  if (key.empty()) return std::nullopt;
  for (const auto& o : options)
    if (option_key(o) == key) return o;
  return std::nullopt;
}

std::vector<std::string> split_choices(std::string_view cell, const std::vector<std::string>& options) {
  std::vector<std::string> out;
  size_t line_start = 0;
  while (line_start <= cell.size()) {
    size_t line_end = cell.find_first_of("\r\n", line_start);
    if (line_end == std::string_view::npos) line_end = cell.size();
    std::string_view line = cell.substr(line_start, line_end - line_start);
    // The parts between separators, as [begin, end) offsets into the line.
    std::vector<std::pair<size_t, size_t>> parts;
    size_t b = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == ',' || line[i] == ';') {
        parts.emplace_back(b, i);
        b = i + 1;
      }
    }
    for (size_t i = 0; i < parts.size();) {
      size_t next = i + 1;
      for (size_t j = parts.size(); j > i + 1; --j) {
        std::string_view joined = line.substr(parts[i].first, parts[j - 1].second - parts[i].first);
        auto m = option_match(joined, options);
        if (m && m->find_first_of(",;") != std::string::npos) {
          next = j;
          break;
        }
      }
      std::string_view piece = trim(line.substr(parts[i].first, parts[next - 1].second - parts[i].first));
      if (!piece.empty()) out.emplace_back(piece);
      i = next;
    }
    line_start = line_end + 1;
  }
  return out;
}

bool is_email(std::string_view s) {
  if (s.empty() || s.size() > 254) return false;
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || std::strchr("<>()[],;:\"\\", ch) != nullptr) return false;
  }
  std::string_view domain = s.substr(at + 1);
  size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot != 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

namespace {

std::string shorten(std::string_view s) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && ++chars > 60) return out + "...";
    out += s[i];
  }
  return out;
}

void split_on(std::string_view text, std::string_view sep, std::vector<std::string>& parts) {
  size_t b = 0;
  for (size_t p = text.find(sep); p != std::string_view::npos; p = text.find(sep, b)) {
    parts.emplace_back(text.substr(b, p - b));
    b = p + sep.size();
  }
  parts.emplace_back(text.substr(b));
}

// One entry; fills `entry` or returns why it cannot be read.
std::optional<std::string> read_entry(std::string text, TeamEntry& entry) {
  std::vector<std::string> role_texts;
  std::string email;
  bool has_email = false;
  if (size_t lt = text.find('<'); lt != std::string::npos) {
    if (size_t gt = text.find('>', lt); gt != std::string::npos) {
      email = std::string(trim(std::string_view(text).substr(lt + 1, gt - lt - 1)));
      has_email = true;
      text.erase(lt, gt - lt + 1);
    }
  }
  for (size_t lp = text.find('('); lp != std::string::npos; lp = text.find('(', lp)) {
    size_t rp = text.find(')', lp);
    if (rp == std::string::npos) break;
    role_texts.emplace_back(text.substr(lp + 1, rp - lp - 1));
    text.erase(lp, rp - lp + 1);
  }
  std::vector<std::string> raw;
  if (text.find('|') != std::string::npos) {
    split_on(text, "|", raw);
  } else if (text.find(" - ") != std::string::npos || text.find(" \xE2\x80\x93 ") != std::string::npos ||
             text.find(" \xE2\x80\x94 ") != std::string::npos) {
    std::vector<std::string> a, b;
    split_on(text, " - ", a);
    for (const auto& x : a) split_on(x, " \xE2\x80\x93 ", b);  // en dash
    for (const auto& x : b) split_on(x, " \xE2\x80\x94 ", raw);  // em dash
  } else {
    split_on(text, ",", raw);
  }
  std::vector<std::string> parts;
  for (auto& part : raw) {
    std::string p(trim(part));
    if (p.find('@') != std::string::npos) {
      // The word holding the '@' is the email; the rest of the part (a name before it) stays.
      size_t at = p.find('@');
      size_t b = at, e = at;
      while (b > 0 && !is_space(static_cast<unsigned char>(p[b - 1]))) --b;
      while (e < p.size() && !is_space(static_cast<unsigned char>(p[e]))) ++e;
      std::string word = p.substr(b, e - b);
      if (has_email) return fmt::format("two email addresses ('{}' and '{}')", email, word);
      email = word;
      has_email = true;
      p = std::string(trim(p.substr(0, b))) + (b > 0 && e < p.size() ? " " : "") + std::string(trim(p.substr(e)));
      p = std::string(trim(p));
    }
    if (!p.empty()) parts.push_back(std::move(p));
  }
  if (parts.empty()) return std::string("no name");
  if (has_email && !is_email(email)) return fmt::format("'{}' is not an email address", email);
  entry.name = parts.front();
  entry.email = email;
  for (size_t i = 1; i < parts.size(); ++i) role_texts.push_back(parts[i]);
  for (const auto& rt : role_texts) {
    size_t b = 0;
    for (size_t i = 0; i <= rt.size(); ++i) {
      if (i == rt.size() || std::strchr(",/&+", rt[i]) != nullptr) {
        std::string slug = collab::slugify(std::string_view(rt).substr(b, i - b));
        if (!slug.empty() && std::find(entry.roles.begin(), entry.roles.end(), slug) == entry.roles.end()) {
          entry.roles.push_back(std::move(slug));
        }
        b = i + 1;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<TeamEntry>> team_members(std::string_view cell, std::string* problem) {
  std::vector<TeamEntry> out;
  size_t b = 0;
  int n = 0;
  for (size_t i = 0; i <= cell.size(); ++i) {
    if (i < cell.size() && cell[i] != '\n' && cell[i] != '\r' && cell[i] != ';') continue;
    std::string_view text = trim(cell.substr(b, i - b));
    b = i + 1;
    if (text.empty()) continue;
    ++n;
    TeamEntry entry;
    if (auto why = read_entry(std::string(text), entry)) {
      if (problem) *problem = fmt::format("entry {} ('{}'): {}", n, shorten(text), *why);
      return std::nullopt;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace collab::enroll
