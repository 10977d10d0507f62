// The global sensitivity analysis of the controlled-friction verdicts
// (controlled_friction_sensitivity.hpp).
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sensitivity.hpp>

#include <boost/random/sobol.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <numbers>
#include <numeric>
#include <ostream>
#include <thread>

namespace impasse::models {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

std::size_t bit(sensitivity_claim c) { return static_cast<std::size_t>(c); }

/// Runs `task(k)` for k in [first, last) on `threads` threads, each k once;
/// rethrows the first exception.
template <class Task>
void parallel_for(std::size_t first, std::size_t last, unsigned threads, const sensitivity_progress& progress,
                  Task&& task) {
  const std::size_t count = last > first ? last - first : 0;
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers = std::clamp<unsigned>(threads == 0 ? hardware : threads, 1,
                                                static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(count, 256))));
  constexpr std::size_t chunk = 64;
  std::atomic<std::size_t> next{first}, done{0};
  std::exception_ptr failure;
  std::mutex mutex;
  const auto work = [&](bool reporter) {
    try {
      for (std::size_t begin; (begin = next.fetch_add(chunk)) < last;) {
        const std::size_t end = std::min(last, begin + chunk);
        for (std::size_t k = begin; k < end; ++k) task(k);
        const std::size_t finished = done += end - begin;
        if (reporter && progress) progress(finished, count);
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      next = last;
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work, false);
    work(true);
  }
  if (failure) std::rethrow_exception(failure);
  if (progress) progress(count, count);
}

/// A 2d-dimensional Sobol point, coordinates in [0, 1).
std::vector<double> sobol_point(boost::random::sobol& engine, std::uint64_t position, std::size_t dimensions) {
  engine.seed(position);
  std::vector<double> u(dimensions);
  for (auto& x : u) x = std::ldexp(static_cast<double>(engine()), -64);
  return u;
}

/// splitmix64: a small, portable generator for the subsample.
std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string fixed(double x, int decimals = 3) {
  if (std::isnan(x)) return "-";
  return to_decimal_string(x, decimals);
}

}  // namespace

std::vector<const parameter_description*> sampled_parameters() {
  std::vector<const parameter_description*> out;
  for (const auto& d : parameter_table())
    if (d.plausible_low < d.plausible_high) out.push_back(&d);
  return out;
}

std::size_t evaluation_count(const sensitivity_design& design) {
  return design.base_samples * (sampled_parameters().size() + 2);
}

controlled_friction_parameters design_parameters(const sensitivity_design& design,
                                                 const controlled_friction_parameters& base, std::size_t e) {
  const auto sampled = sampled_parameters();
  const std::size_t d = sampled.size();
  const std::size_t j = e / (d + 2), k = e % (d + 2);
  if (j >= design.base_samples) throw invalid_argument("design_parameters: evaluation " + std::to_string(e) + " is past the design");
  thread_local boost::random::sobol engine(2 * 64);
  thread_local std::size_t engine_dimensions = 0;
  if (engine_dimensions != 2 * d) {
    engine = boost::random::sobol(2 * d);
    engine_dimensions = 2 * d;
  }
  const auto u = sobol_point(engine, design.seed + j, 2 * d);
  auto p = base;
  for (std::size_t i = 0; i < d; ++i) {
    // A's coordinate, B's, or A's with column i - 2 from B.
    const bool from_b = k == 1 || (k >= 2 && k - 2 == i);
    const double x = u[from_b ? d + i : i];
    const auto& desc = *sampled[i];
    const double low = desc.plausible_low.convert_to<double>(), high = desc.plausible_high.convert_to<double>();
    p.*(desc.field) = rational(low + x * (high - low));
  }
  return p;
}

std::uint8_t closed_form_verdicts(const controlled_friction_parameters& parameters) {
  const auto f = flows<double>(parameters);
  const auto friction = family_equilibrium_of(f, profile_family::friction, false);
  const auto deal = family_equilibrium_of(f, profile_family::deal, false);
  const auto binding = family_equilibrium_of(f, profile_family::deal, true);
  const bool efficient = f.deal_welfare[0] > f.hostility_welfare[0] && f.deal_welfare[1] > f.hostility_welfare[1];
  const bool no_deal = efficient && !deal;
  bool binding_deal = binding.has_value();
  for (std::size_t i = 0; i < 2 && binding_deal; ++i) {
    // Against friction when it is an equilibrium, else against stalling forever.
    const double status_quo = friction ? friction->values[i][0] : f.hostility[i] / (1 - f.discount[i]);
    binding_deal = binding->values[i][0] > status_quo;
  }
  const long years = parameters.years_of_hostility.convert_to<long>();
  const bool friction_holds = friction && friction_path_of(f, years).war_within_horizon < 0.5;
  const bool sanctions_feed = sanctions_rent_slope(parameters) > 0 && parameters.sanctions_damage_tehran > 0;
  std::uint8_t out = 0;
  const auto set = [&](sensitivity_claim c, bool holds) {
    if (holds) out |= static_cast<std::uint8_t>(1u << bit(c));
  };
  set(sensitivity_claim::no_deal, no_deal);
  set(sensitivity_claim::binding_deal, binding_deal);
  set(sensitivity_claim::friction, friction_holds);
  set(sensitivity_claim::swaps_not_deal, friction_holds && no_deal);
  set(sensitivity_claim::sanctions_feed, sanctions_feed);
  set(sensitivity_claim::essay, no_deal && binding_deal && friction_holds && sanctions_feed);
  return out;
}

std::vector<std::uint8_t> evaluate_design(const sensitivity_design& design, const controlled_friction_parameters& base,
                                          std::size_t first, std::size_t last, unsigned threads,
                                          const sensitivity_progress& progress) {
  last = std::min(last, evaluation_count(design));
  std::vector<std::uint8_t> out(last > first ? last - first : 0);
  parallel_for(first, last, threads, progress,
               [&](std::size_t e) { out[e - first] = closed_form_verdicts(design_parameters(design, base, e)); });
  return out;
}

std::vector<std::size_t> enumerated_samples(const sensitivity_design& design) {
  std::vector<std::size_t> all(design.base_samples);
  std::iota(all.begin(), all.end(), std::size_t{0});
  std::uint64_t state = design.subsample_seed;
  const std::size_t k = std::min(design.enumerated, all.size());
  for (std::size_t i = 0; i < k; ++i) {  // partial Fisher-Yates
    const std::size_t j = i + static_cast<std::size_t>(splitmix(state) % (all.size() - i));
    std::swap(all[i], all[j]);
  }
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

void enumerated_point::pack(double* out) const {
  std::size_t k = 0;
  out[k++] = static_cast<double>(sample);
  for (const auto x : {equilibria, reaching_deal, escalating, swapping, controlled, commitment_reaching_deal})
    out[k++] = static_cast<double>(x);
  out[k++] = largest_war;
  for (std::size_t i = 0; i < checks; ++i) out[k++] = found[i] ? 1 : 0;
  for (std::size_t i = 0; i < checks; ++i) out[k++] = closed_form[i] ? 1 : 0;
  for (std::size_t i = 0; i < 4; ++i) out[k++] = margin[i];
  out[k++] = verdicts;
}

enumerated_point enumerated_point::unpack(const double* in) {
  enumerated_point p;
  std::size_t k = 0;
  p.sample = static_cast<std::size_t>(in[k++]);
  for (auto* x : {&p.equilibria, &p.reaching_deal, &p.escalating, &p.swapping, &p.controlled, &p.commitment_reaching_deal})
    *x = static_cast<std::uint32_t>(in[k++]);
  p.largest_war = in[k++];
  for (std::size_t i = 0; i < checks; ++i) p.found[i] = in[k++] != 0;
  for (std::size_t i = 0; i < checks; ++i) p.closed_form[i] = in[k++] != 0;
  for (std::size_t i = 0; i < 4; ++i) p.margin[i] = in[k++];
  p.verdicts = static_cast<std::uint8_t>(in[k++]);
  return p;
}

std::vector<enumerated_point> evaluate_enumerated(const sensitivity_design& design,
                                                  const controlled_friction_parameters& base, std::size_t first,
                                                  std::size_t last, unsigned threads,
                                                  const sensitivity_progress& progress) {
  const auto samples = enumerated_samples(design);
  last = std::min(last, samples.size());
  const std::size_t d = sampled_parameters().size();
  std::vector<enumerated_point> out(last > first ? last - first : 0);
  parallel_for(first, last, threads, progress, [&](std::size_t k) {
    auto& point = out[k - first];
    point.sample = samples[k];
    const auto p = design_parameters(design, base, samples[k] * (d + 2));  // row of A
    const auto found = search_equilibria(p, true, 1);
    point.equilibria = static_cast<std::uint32_t>(found.equilibria);
    point.reaching_deal = static_cast<std::uint32_t>(found.reaching_deal);
    point.escalating = static_cast<std::uint32_t>(found.escalating);
    point.swapping = static_cast<std::uint32_t>(found.swapping);
    point.controlled = static_cast<std::uint32_t>(found.controlled);
    point.commitment_reaching_deal = static_cast<std::uint32_t>(found.commitment_reaching_deal);
    point.largest_war = found.largest_war_within_horizon;
    const auto f = flows<double>(p);
    for (std::size_t i = 0; i < 4; ++i) {
      const auto m = i < 3 ? named_profile_margins(f, static_cast<named_profile>(i), false)
                           : named_profile_margins(f, named_profile::durable_deal, true);
      point.found[i] = i < 3 ? found.named_found[i] : found.binding_deal_found;
      point.closed_form[i] = is_equilibrium(m);
      point.margin[i] = std::min(m[0].margin, m[1].margin);
    }
    point.found[4] = found.family_found[0];
    point.found[5] = found.family_found[1];
    point.found[6] = found.binding_family_found;
    point.closed_form[4] = family_equilibrium_of(f, profile_family::friction, false).has_value();
    point.closed_form[5] = family_equilibrium_of(f, profile_family::deal, false).has_value();
    point.closed_form[6] = family_equilibrium_of(f, profile_family::deal, true).has_value();
    point.verdicts = closed_form_verdicts(p);
  });
  return out;
}

sensitivity_result summarize_sensitivity(const sensitivity_design& design, const std::vector<std::uint8_t>& verdicts,
                                         std::vector<enumerated_point> enumerated) {
  sensitivity_result r;
  r.design = design;
  const auto sampled = sampled_parameters();
  const std::size_t d = sampled.size(), n = design.base_samples;
  for (const auto* p : sampled) r.parameters.emplace_back(p->name);
  r.evaluations = verdicts.size();
  if (verdicts.size() != n * (d + 2))
    throw invalid_argument("summarize_sensitivity: " + std::to_string(verdicts.size()) + " evaluations, the design has " +
                           std::to_string(n * (d + 2)));
  const auto y = [&](std::size_t c, std::size_t j, std::size_t k) {
    return static_cast<double>((verdicts[j * (d + 2) + k] >> c) & 1u);
  };
  for (std::size_t c = 0; c < sensitivity_claim_count; ++c) {
    double sum = 0, sum_squares = 0;
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t k = 0; k < 2; ++k) {
        sum += y(c, j, k);
        sum_squares += y(c, j, k) * y(c, j, k);
      }
    const double count = static_cast<double>(2 * n);
    const double mean = sum / count;
    const double variance = sum_squares / count - mean * mean;
    r.share[c] = mean;
    r.first_order[c].assign(d, not_a_number);
    r.total[c].assign(d, not_a_number);
    if (variance <= 1e-12) continue;
    for (std::size_t i = 0; i < d; ++i) {
      double first = 0, total = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double a = y(c, j, 0), b = y(c, j, 1), ab = y(c, j, 2 + i);
        first += b * (ab - a);
        total += (a - ab) * (a - ab);
      }
      r.first_order[c][i] = first / static_cast<double>(n) / variance;
      r.total[c][i] = total / (2.0 * static_cast<double>(n)) / variance;
    }
  }
  std::sort(enumerated.begin(), enumerated.end(), [](const auto& a, const auto& b) { return a.sample < b.sample; });
  r.enumerated = std::move(enumerated);
  std::size_t no_deal = 0, friction = 0, everywhere = 0, binding = 0, no_deal_same = 0, friction_same = 0;
  for (const auto& p : r.enumerated) {
    for (std::size_t i = 0; i < enumerated_point::checks; ++i)
      if (p.found[i] != p.closed_form[i] && (i >= 4 || std::abs(p.margin[i]) > 1e-9)) ++r.disagreements[i];
    const bool e_no_deal = p.equilibria > 0 && p.reaching_deal == 0;
    const bool e_friction = p.controlled > 0;
    no_deal += e_no_deal;
    friction += e_friction;
    everywhere += p.equilibria > 0 && p.controlled == p.equilibria;
    binding += p.commitment_reaching_deal > 0;
    no_deal_same += e_no_deal == (((p.verdicts >> bit(sensitivity_claim::no_deal)) & 1u) != 0);
    friction_same += e_friction == (((p.verdicts >> bit(sensitivity_claim::friction)) & 1u) != 0);
  }
  if (!r.enumerated.empty()) {
    const double m = static_cast<double>(r.enumerated.size());
    r.enumerated_no_deal = static_cast<double>(no_deal) / m;
    r.enumerated_friction = static_cast<double>(friction) / m;
    r.enumerated_friction_everywhere = static_cast<double>(everywhere) / m;
    r.enumerated_binding = static_cast<double>(binding) / m;
    r.no_deal_agreement = static_cast<double>(no_deal_same) / m;
    r.friction_agreement = static_cast<double>(friction_same) / m;
  }
  return r;
}

void write_sensitivity_text(std::ostream& out, const sensitivity_result& r) {
  const std::size_t d = r.parameters.size();
  out << fmt::format(
      "Global sensitivity of the verdicts: Sobol design (Saltelli), N = {} base points, {} parameters, {} "
      "evaluations of the closed forms, skip offset {}; {} base points also solved by complete enumeration "
      "(subsample seed {}).\n\n",
      r.design.base_samples, d, r.evaluations, r.design.seed, r.enumerated.size(), r.design.subsample_seed);
  out << "Share of the plausible box where each verdict holds (closed forms):\n";
  for (std::size_t c = 0; c < sensitivity_claim_count; ++c)
    out << fmt::format("  {:<34} {}\n", sensitivity_claim_names[c], fixed(r.share[c]));
  out << "\nThe parameters that decide each verdict (total-order index T, first-order S; the five largest T):\n";
  for (std::size_t c = 0; c < sensitivity_claim_count; ++c) {
    std::vector<std::size_t> order(d);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double ta = std::isnan(r.total[c][a]) ? -1 : r.total[c][a], tb = std::isnan(r.total[c][b]) ? -1 : r.total[c][b];
      return ta > tb;
    });
    out << fmt::format("  {}:", sensitivity_claim_names[c]);
    if (std::isnan(r.total[c][0])) {
      out << " never varies over the box\n";
      continue;
    }
    for (std::size_t k = 0; k < std::min<std::size_t>(5, d); ++k)
      out << fmt::format(" {} (T {}, S {}){}", r.parameters[order[k]], fixed(r.total[c][order[k]]),
                         fixed(r.first_order[c][order[k]]), k + 1 < std::min<std::size_t>(5, d) ? ";" : "");
    out << '\n';
  }
  out << fmt::format(
      "\nComplete enumeration on {} points: no pure MPE reaches the deal on {}; some MPE is controlled friction "
      "(escalates and swaps on its path, war within the horizon below 1/2) on {}, every MPE on {}; some MPE of the "
      "commitment benchmark reaches the deal on {}.\n",
      r.enumerated.size(), fixed(r.enumerated_no_deal), fixed(r.enumerated_friction),
      fixed(r.enumerated_friction_everywhere), fixed(r.enumerated_binding));
  out << fmt::format(
      "Closed forms against enumeration, profile by profile (is it an MPE?): {} disagreements for friction, {} for "
      "the revocable deal, {} for the durable deal, {} for the binding deal (off the boundaries); family by family "
      "(is some member an MPE?): {} for the friction family, {} for the deal family, {} for it in the benchmark.\n",
      r.disagreements[0], r.disagreements[1], r.disagreements[2], r.disagreements[3], r.disagreements[4],
      r.disagreements[5], r.disagreements[6]);
  out << fmt::format(
      "Closed-form verdicts against the enumeration's (which checks every profile, not one family): \"no deal\" "
      "agrees on "
      "{}, \"controlled friction\" on {} of the points.\n",
      fixed(r.no_deal_agreement), fixed(r.friction_agreement));
}

void write_sensitivity_csv(std::ostream& out, const sensitivity_result& r) {
  out << "claim,parameter,first_order,total_order,share\n";
  for (std::size_t c = 0; c < sensitivity_claim_count; ++c)
    for (std::size_t i = 0; i < r.parameters.size(); ++i)
      out << '"' << sensitivity_claim_names[c] << "\"," << r.parameters[i] << ','
          << (std::isnan(r.first_order[c][i]) ? std::string() : fmt::format("{:.6f}", r.first_order[c][i])) << ','
          << (std::isnan(r.total[c][i]) ? std::string() : fmt::format("{:.6f}", r.total[c][i])) << ','
          << fmt::format("{:.6f}", r.share[c]) << '\n';
}

void write_enumerated_csv(std::ostream& out, const sensitivity_result& r) {
  out << "sample,equilibria,reaching_deal,escalating,swapping,controlled,commitment_reaching_deal,largest_war,"
         "friction_found,friction_closed_form,revocable_found,revocable_closed_form,durable_found,durable_closed_form,"
         "binding_found,binding_closed_form,friction_family_found,friction_family_closed_form,deal_family_found,"
         "deal_family_closed_form,binding_family_found,binding_family_closed_form,verdicts\n";
  for (const auto& p : r.enumerated) {
    out << p.sample << ',' << p.equilibria << ',' << p.reaching_deal << ',' << p.escalating << ',' << p.swapping << ','
        << p.controlled << ',' << p.commitment_reaching_deal << ',' << fmt::format("{:.6g}", p.largest_war);
    for (std::size_t i = 0; i < enumerated_point::checks; ++i) out << ',' << int(p.found[i]) << ',' << int(p.closed_form[i]);
    out << ',' << int(p.verdicts) << '\n';
  }
}

void write_sensitivity_svg(std::ostream& out, const sensitivity_result& r) {
  const std::size_t d = r.parameters.size();
  // The column labels are drawn at 35 degrees; the rows start below the
  // longest one (at about 6.2 px a character in 11 px Helvetica) and the
  // figure is wide enough for the last one, so none reaches the title.
  std::size_t longest = 0;
  for (const auto name : sensitivity_claim_names) longest = std::max(longest, name.size());
  const double label = 6.2 * static_cast<double>(longest), slope = 35.0 * std::numbers::pi / 180.0;
  constexpr double left = 230, title = 52, cell_w = 74, cell_h = 17;
  const double top = std::ceil(title + 30 + label * std::sin(slope));
  const double width = std::ceil(left + cell_w * (sensitivity_claim_count - 0.5) + label * std::cos(slope) + 20);
  const double height = top + cell_h * static_cast<double>(d) + 70;
  out << fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n",
      width, height);
  out << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << fmt::format("<text x=\"20\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Which parameters decide the "
                     "verdicts: total-order Sobol indices</text>\n");
  out << fmt::format("<text x=\"20\" y=\"44\" fill=\"#444\">{} evaluations of the closed forms (Saltelli design, N = "
                     "{}); share of the box where each verdict holds under its name</text>\n",
                     r.evaluations, r.design.base_samples);
  for (std::size_t c = 0; c < sensitivity_claim_count; ++c) {
    const double x = left + cell_w * static_cast<double>(c) + cell_w / 2;
    out << fmt::format("<text x=\"{0:.1f}\" y=\"{1}\" text-anchor=\"start\" transform=\"rotate(-35 {0:.1f} {1})\">{2}</text>\n",
                       x - 10, top - 22, sensitivity_claim_names[c]);
    out << fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>\n", x, top - 6,
                       fixed(r.share[c], 2));
  }
  for (std::size_t i = 0; i < d; ++i) {
    const double y = top + cell_h * static_cast<double>(i);
    out << fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 8, y + cell_h - 5,
                       r.parameters[i]);
    for (std::size_t c = 0; c < sensitivity_claim_count; ++c) {
      const double t = r.total[c][i];
      const double v = std::isnan(t) ? 0 : std::clamp(t, 0.0, 1.0);
      const int shade = static_cast<int>(std::lround(255 - 200 * std::sqrt(v)));
      const std::string fill = std::isnan(t) ? "#f4f4f4" : fmt::format("rgb(255,{},{})", shade, std::max(0, shade - 40));
      const double x = left + cell_w * static_cast<double>(c);
      out << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"white\"/>\n", x,
                         y, cell_w, cell_h, fill);
      if (!std::isnan(t) && t >= 0.005)
        out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n",
                           x + cell_w / 2, y + cell_h - 5, fixed(t, 2));
    }
  }
  out << fmt::format("<text x=\"20\" y=\"{:.1f}\" fill=\"#444\">Blank: the index is below 0.005; grey: the verdict never "
                     "varies over the box.</text>\n",
                     height - 24);
  out << "</svg>\n";
}

}  // namespace impasse::models
