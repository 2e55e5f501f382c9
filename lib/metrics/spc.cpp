#include "metrics/spc.h"

#include <algorithm>
#include <cmath>

namespace collab::metrics {

namespace {

// log Gamma(x) for x > 0. lgamma_r, not std::lgamma: glibc's lgamma writes its sign to the global `signgam`,
// a data race when two measures' charts are computed at once (found by ThreadSanitizer).
double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

}  // namespace

int qbinom_half(double p, int n) {
  if (n <= 0) return 0;
  // P(X = k) = C(n, k) / 2^n, summed in log space so that large n neither overflows nor underflows.
  double cdf = 0;
  for (int k = 0; k <= n; ++k) {
    double log_pk = log_gamma(n + 1.0) - log_gamma(k + 1.0) - log_gamma(n - k + 1.0) - n * std::log(2.0);
    cdf += std::exp(log_pk);
    // R's qbinom allows for rounding: it compares with p * (1 - 64 * DBL_EPSILON).
    if (cdf >= p * (1 - 64 * 2.220446049250313e-16)) return k;
  }
  return n;
}

namespace {

// -1 below, +1 above, 0 on the centre.
int side(double y, double centre) { return y > centre ? 1 : (y < centre ? -1 : 0); }

}  // namespace

AnhoejResult anhoej(const std::vector<double>& y, double centre) {
  AnhoejResult r;
  // Runs over the useful points, remembering the original index of each run's first and last point.
  struct Run {
    int side, length, first, last;
  };
  std::vector<Run> runs;
  for (int i = 0; i < static_cast<int>(y.size()); ++i) {
    int s = side(y[i], centre);
    if (s == 0) continue;
    ++r.n_useful;
    if (!runs.empty() && runs.back().side == s) {
      ++runs.back().length;
      runs.back().last = i;
    } else {
      runs.push_back({s, 1, i, i});
    }
  }
  if (r.n_useful == 0) return r;
  for (const auto& run : runs) r.longest_run = std::max(r.longest_run, run.length);
  r.crossings = std::max(static_cast<int>(runs.size()) - 1, 0);
  r.longest_run_max = static_cast<int>(std::lround(std::log2(static_cast<double>(r.n_useful)))) + 3;
  r.crossings_min = qbinom_half(0.05, r.n_useful - 1);
  r.long_run = r.longest_run > r.longest_run_max;
  r.few_crossings = r.crossings < r.crossings_min;
  for (const auto& run : runs) {
    if (run.length > r.longest_run_max) r.longest_runs.push_back({run.first, run.last});
  }
  return r;
}

std::vector<Span> shifts(const std::vector<double>& y, double centre, int min_length, bool on_centre_breaks) {
  std::vector<Span> out;
  int run_side = 0, length = 0, first = 0, last = 0;
  auto close = [&] {
    if (run_side != 0 && length >= min_length) out.push_back({first, last});
    run_side = 0;
    length = 0;
  };
  for (int i = 0; i < static_cast<int>(y.size()); ++i) {
    int s = side(y[i], centre);
    if (s == 0) {
      if (on_centre_breaks) close();
      continue;
    }
    if (s != run_side) {
      close();
      run_side = s;
      first = i;
    }
    ++length;
    last = i;
  }
  close();
  return out;
}

std::vector<Span> trends(const std::vector<double>& y, int min_length) {
  std::vector<Span> out;
  if (y.empty()) return out;
  // direction of the current run (+1 rising, -1 falling, 0 none yet), its point count and its ends.
  int direction = 0, length = 1, first = 0, last = 0;
  auto close = [&] {
    if (direction != 0 && length >= min_length) out.push_back({first, last});
  };
  for (int i = 1; i < static_cast<int>(y.size()); ++i) {
    double previous = y[last];
    if (y[i] == previous) continue;  // a like value neither counts nor breaks the run
    int d = y[i] > previous ? 1 : -1;
    if (direction == 0 || d == direction) {
      direction = d;
      ++length;
    } else {
      close();
      // The turning point starts the new run: it is the last point of the old one and the first of this.
      first = last;
      direction = d;
      length = 2;
    }
    last = i;
  }
  close();
  return out;
}

IhiResult ihi_run_rules(const std::vector<double>& y, double median) {
  IhiResult r;
  r.shifts = shifts(y, median, 6, false);
  r.trends = trends(y, 5);
  return r;
}

const char* chart_name(ChartType t) {
  switch (t) {
    case ChartType::run: return "run";
    case ChartType::p: return "p";
    case ChartType::u: return "u";
    case ChartType::c: return "c";
    case ChartType::xmr: return "xmr";
  }
  return "run";
}

ControlLimits control_limits(ChartType type, const std::vector<Subgroup>& points, const std::vector<bool>& in_baseline) {
  ControlLimits l;
  size_t n = points.size();
  bool any_marked = std::any_of(in_baseline.begin(), in_baseline.end(), [](bool b) { return b; });
  auto base = [&](size_t i) { return !any_marked || (i < in_baseline.size() && in_baseline[i]); };
  l.value.resize(n);
  for (size_t i = 0; i < n; ++i) {
    bool ratio = type == ChartType::p || type == ChartType::u;
    l.value[i] = ratio ? points[i].numerator / points[i].denominator : points[i].numerator;
  }
  l.sigma.assign(n, 0);
  l.lcl.assign(n, 0);
  l.ucl.assign(n, 0);
  switch (type) {
    case ChartType::run:
      return l;
    case ChartType::p:
    case ChartType::u: {
      double sum_x = 0, sum_n = 0;
      for (size_t i = 0; i < n; ++i) {
        if (base(i)) {
          sum_x += points[i].numerator;
          sum_n += points[i].denominator;
        }
      }
      if (sum_n <= 0) return l;
      l.centre = sum_x / sum_n;
      for (size_t i = 0; i < n; ++i) {
        double ni = points[i].denominator;
        double var = type == ChartType::p ? l.centre * (1 - l.centre) / ni : l.centre / ni;
        l.sigma[i] = std::sqrt(var);
        l.lcl[i] = std::max(0.0, l.centre - 3 * l.sigma[i]);
        l.ucl[i] = l.centre + 3 * l.sigma[i];
        if (type == ChartType::p) l.ucl[i] = std::min(1.0, l.ucl[i]);
      }
      break;
    }
    case ChartType::c: {
      double sum = 0;
      int count = 0;
      for (size_t i = 0; i < n; ++i) {
        if (base(i)) {
          sum += points[i].numerator;
          ++count;
        }
      }
      if (count == 0) return l;
      l.centre = sum / count;
      double s = std::sqrt(l.centre);
      for (size_t i = 0; i < n; ++i) {
        l.sigma[i] = s;
        l.lcl[i] = std::max(0.0, l.centre - 3 * s);
        l.ucl[i] = l.centre + 3 * s;
      }
      break;
    }
    case ChartType::xmr: {
      double sum = 0, sum_mr = 0;
      int count = 0, count_mr = 0;
      l.moving_range.assign(n, std::nullopt);
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) l.moving_range[i] = std::fabs(l.value[i] - l.value[i - 1]);
        if (!base(i)) continue;
        sum += l.value[i];
        ++count;
        if (i > 0 && base(i - 1)) {
          sum_mr += *l.moving_range[i];
          ++count_mr;
        }
      }
      if (count < 2 || count_mr == 0) return l;
      l.centre = sum / count;
      l.mr_bar = sum_mr / count_mr;
      l.mr_ucl = 3.267 * *l.mr_bar;
      double s = *l.mr_bar / 1.128;
      for (size_t i = 0; i < n; ++i) {
        l.sigma[i] = s;
        l.lcl[i] = l.centre - 2.66 * *l.mr_bar;
        l.ucl[i] = l.centre + 2.66 * *l.mr_bar;
      }
      break;
    }
  }
  l.available = true;
  return l;
}

std::optional<RuleSet> parse_rule_set(const std::string& name) {
  if (name == "provost-murray") return RuleSet::provost_murray;
  if (name == "nhs") return RuleSet::nhs;
  if (name == "western-electric") return RuleSet::western_electric;
  return std::nullopt;
}

const char* rule_set_name(RuleSet r) {
  switch (r) {
    case RuleSet::provost_murray: return "provost-murray";
    case RuleSet::nhs: return "nhs";
    case RuleSet::western_electric: return "western-electric";
  }
  return "provost-murray";
}

const char* signal_name(Signal s) {
  switch (s) {
    case Signal::outside: return "outside";
    case Signal::shift: return "shift";
    case Signal::trend: return "trend";
    case Signal::two_of_three: return "two-of-three";
    case Signal::four_of_five: return "four-of-five";
    case Signal::fifteen_inner: return "fifteen-inner";
    case Signal::long_run: return "long-run";
  }
  return "outside";
}

int Signals::size() const {
  int n = 0;
  for (unsigned b = bits_; b; b &= b - 1) ++n;
  return n;
}

std::vector<Signal> Signals::list() const {
  std::vector<Signal> out;
  for (unsigned i = 0; i <= static_cast<unsigned>(Signal::long_run); ++i) {
    if (bits_ & (1u << i)) out.push_back(static_cast<Signal>(i));
  }
  return out;
}

std::vector<std::string> Signals::names() const {
  std::vector<std::string> out;
  for (Signal s : list()) out.emplace_back(signal_name(s));
  return out;
}

namespace {

// "k of m consecutive points beyond `zone` sigma on the same side": every window of m points in which at
// least k lie beyond the zone on one side flags those k (or more) points.
void k_of_m(const ControlLimits& l, int k, int m, double zone, Signal name, std::vector<Signals>& out) {
  int n = static_cast<int>(l.value.size());
  std::vector<bool> flagged(n, false);
  for (int start = 0; start + m <= n; ++start) {
    for (int s : {1, -1}) {
      std::vector<int> beyond;
      for (int i = start; i < start + m; ++i) {
        double d = (l.value[i] - l.centre) * s;
        if (l.sigma[i] > 0 && d > zone * l.sigma[i]) beyond.push_back(i);
      }
      if (static_cast<int>(beyond.size()) >= k) {
        for (int i : beyond) flagged[i] = true;
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    if (flagged[i]) out[i].insert(name);
  }
}

void mark(const std::vector<Span>& spans, Signal name, std::vector<Signals>& out) {
  for (const auto& s : spans) {
    for (int i = s.first; i <= s.last; ++i) out[i].insert(name);
  }
}

}  // namespace

std::vector<Signals> special_causes(RuleSet rules, const ControlLimits& l) {
  int n = static_cast<int>(l.value.size());
  std::vector<Signals> out(n);
  if (!l.available) return out;
  for (int i = 0; i < n; ++i) {
    if (l.value[i] > l.ucl[i] || l.value[i] < l.lcl[i]) out[i].insert(Signal::outside);
  }
  switch (rules) {
    case RuleSet::provost_murray: {
      mark(shifts(l.value, l.centre, 8, false), Signal::shift, out);
      mark(trends(l.value, 6), Signal::trend, out);
      k_of_m(l, 2, 3, 2.0, Signal::two_of_three, out);
      // 15 or more consecutive points within 1 sigma of the centre, on either side.
      int first = -1;
      auto close = [&](int end) {
        if (first >= 0 && end - first >= 15) {
          for (int j = first; j < end; ++j) out[j].insert(Signal::fifteen_inner);
        }
        first = -1;
      };
      for (int i = 0; i < n; ++i) {
        bool inner = l.sigma[i] > 0 && std::fabs(l.value[i] - l.centre) < l.sigma[i];
        if (inner && first < 0) first = i;
        if (!inner) close(i);
      }
      close(n);
      break;
    }
    case RuleSet::nhs:
      mark(shifts(l.value, l.centre, 7, true), Signal::shift, out);
      mark(trends(l.value, 7), Signal::trend, out);
      k_of_m(l, 2, 3, 2.0, Signal::two_of_three, out);
      break;
    case RuleSet::western_electric:
      k_of_m(l, 2, 3, 2.0, Signal::two_of_three, out);
      k_of_m(l, 4, 5, 1.0, Signal::four_of_five, out);
      mark(shifts(l.value, l.centre, 8, false), Signal::shift, out);
      break;
  }
  return out;
}

}  // namespace collab::metrics
