// The essay's controlled-friction model (include/impasse/models/) for
// Python: the parameters as name -> Fraction, the analysis's verdicts and
// numbers as Python values, the sweeps as numpy arrays. Wrapped by
// python/impasse/model.py, which takes the parameters as a dict.
#include "bindings.hpp"
#include "stochastic_handle.hpp"

#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>

#include <algorithm>

namespace impasse::python {

namespace {

using namespace impasse::models;

/// The defaults with each `name=value` assignment applied (checked).
controlled_friction_parameters parameters_from(const std::vector<std::string>& assignments) {
  controlled_friction_parameters p;
  for (const auto& a : assignments) set_parameter(p, a);
  validate(p);
  return p;
}

py::dict parameters_to_python(const controlled_friction_parameters& p) {
  py::dict out;
  for (const auto& d : parameter_table()) out[py::str(std::string(d.name))] = to_python(p.*(d.field));
  return out;
}

py::list parameter_descriptions() {
  py::list out;
  for (const auto& d : parameter_table()) {
    py::dict row;
    row["name"] = std::string(d.name);
    row["meaning"] = std::string(d.meaning);
    row["source"] = std::string(d.source);
    row["lower"] = to_python(d.lower);
    row["upper"] = d.upper < 0 ? py::object(py::none()) : to_python(d.upper);
    row["upper_open"] = d.upper_open;
    row["plausible"] = py::make_tuple(to_python(d.plausible_low), to_python(d.plausible_high));
    out.append(row);
  }
  return out;
}

template <scalar Scalar>
py::dict summary_to_python(const equilibrium_summary<Scalar>& e) {
  py::dict out;
  out["named"] = e.named ? py::object(py::str(std::string(named_profile_names[static_cast<std::size_t>(*e.named)])))
                         : py::object(py::none());
  out["deal_probability"] = to_python(e.deal_probability);
  out["deal_survival_ten_years"] = to_python(e.deal_survival_ten_years);
  out["war_within_horizon"] = to_python(e.war_within_horizon);
  out["war_eventually"] = to_python(e.war_eventually);
  out["war_from_backchannel"] = to_python(e.war_from_backchannel);
  out["backchannel_to_talks"] = to_python(e.backchannel_to_talks);
  out["escalations_per_year"] = to_python(e.escalations_per_year);
  out["overt_escalations_per_year"] = to_python(e.overt_escalations_per_year);
  out["swaps_per_year"] = to_python(e.swaps_per_year);
  out["max_deviation_gain"] = to_python(e.max_deviation_gain);
  return out;
}

template <scalar Scalar>
py::dict set_to_python(const equilibrium_set<Scalar>& s) {
  py::list equilibria;
  for (const auto& e : s.equilibria) equilibria.append(summary_to_python(e));
  py::dict out;
  out["equilibria"] = equilibria;
  out["reaching_deal"] = s.reaching_deal;
  out["profiles"] = s.profiles;
  out["complete"] = s.status == run_status::complete;
  return out;
}

py::dict analyze_model(const std::vector<std::string>& assignments, std::size_t rounds, bool homotopy,
                       const std::vector<std::string>& sanctions_grid) {
  const auto parameters = parameters_from(assignments);
  controlled_friction_options options{.rounds = rounds, .homotopy = homotopy, .sanctions_grid = {}};
  for (const auto& s : sanctions_grid) options.sanctions_grid.push_back(parse_rational(s));
  std::optional<controlled_friction_analysis> analysis;
  {
    py::gil_scoped_release release;
    analysis.emplace(analyze(parameters, options));
  }
  const auto& a = *analysis;
  py::dict out;
  out["parameters"] = parameters_to_python(a.parameters);
  py::list verdicts;
  for (const auto& v : a.verdicts) {
    py::dict row;
    row["question"] = v.question;
    row["essay_says_yes"] = v.essay_says_yes;
    row["holds"] = v.holds;
    row["settled"] = v.settled;
    row["evidence"] = v.evidence;
    row["flip_override"] = v.flip_override;
    verdicts.append(row);
  }
  out["verdicts"] = verdicts;
  out["deal_surplus"] = py::make_tuple(to_python(a.deal_surplus[0]), to_python(a.deal_surplus[1]));
  out["stage"] = strategic_game_handle{a.stage};
  out["stage_equilibria"] = profiles_to_python(a.stage_equilibria);
  out["model"] = stochastic_game_handle{a.model};
  out["commitment"] = stochastic_game_handle{a.commitment};
  out["model_equilibria"] = set_to_python(a.model_equilibria);
  out["commitment_equilibria"] = set_to_python(a.commitment_equilibria);
  out["homotopy"] = a.homotopy ? py::object(summary_to_python(*a.homotopy)) : py::object(py::none());
  out["homotopy_exact"] = a.homotopy_exact;
  out["homotopy_lambda"] = a.homotopy_lambda;
  out["rounds"] = a.rounds;
  out["rounds_agree"] = a.rounds_agree;
  py::list spe;
  for (const auto& x : a.rounds_spe_payoffs) spe.append(py::make_tuple(to_python(x[0]), to_python(x[1])));
  out["rounds_spe_payoffs"] = spe;
  const auto channel = [](const channel_result& c) {
    py::dict row;
    row["name"] = c.name;
    row["overrides"] = py::cast(c.overrides);
    row["equilibria"] = c.equilibria;
    row["reaching_deal"] = c.reaching_deal;
    row["best_deal_survival"] = c.best_deal_survival;
    return row;
  };
  out["rent_channel_off"] = channel(a.rent_channel_off);
  out["commitment_channel_off"] = channel(a.commitment_channel_off);
  // The comparative statics of sanctions, one array per column.
  const auto n = static_cast<py::ssize_t>(a.sanctions_statics.size());
  py::array_t<double> sanctions(n), deal(n), tehran_regime(n), tehran_nation(n), washington_regime(n), margin(n);
  py::array_t<std::int64_t> equilibria(n), reaching(n);
  for (py::ssize_t k = 0; k < n; ++k) {
    const auto& p = a.sanctions_statics[static_cast<std::size_t>(k)];
    sanctions.mutable_at(k) = scalar_cast<double>(p.sanctions);
    deal.mutable_at(k) = scalar_cast<double>(p.deal_probability);
    tehran_regime.mutable_at(k) = scalar_cast<double>(p.tehran_regime);
    tehran_nation.mutable_at(k) = scalar_cast<double>(p.tehran_nation);
    washington_regime.mutable_at(k) = scalar_cast<double>(p.washington_regime);
    margin.mutable_at(k) = scalar_cast<double>(p.tehran_signing_margin);
    equilibria.mutable_at(k) = static_cast<std::int64_t>(p.equilibria);
    reaching.mutable_at(k) = static_cast<std::int64_t>(p.reaching_deal);
  }
  py::dict statics;
  statics["sanctions"] = sanctions;
  statics["equilibria"] = equilibria;
  statics["reaching_deal"] = reaching;
  statics["deal_probability"] = deal;
  statics["tehran_regime"] = tehran_regime;
  statics["tehran_nation"] = tehran_nation;
  statics["washington_regime"] = washington_regime;
  statics["tehran_signing_margin"] = margin;
  out["sanctions_statics"] = statics;
  return out;
}

py::list sweep_names(const std::vector<std::string>& assignments, std::size_t points) {
  py::list out;
  for (const auto& d : standard_sweeps(parameters_from(assignments), points))
    out.append(py::make_tuple(d.name, d.title, d.x.label, d.y.label));
  return out;
}

py::dict sweep(const std::vector<std::string>& assignments, const std::string& name, std::size_t points,
               unsigned threads) {
  const auto base = parameters_from(assignments);
  const auto definitions = standard_sweeps(base, points);
  const auto it = std::find_if(definitions.begin(), definitions.end(), [&](const auto& d) { return d.name == name; });
  if (it == definitions.end()) throw invalid_argument("model sweep: no standard sweep is called \"" + name + "\"");
  std::optional<sweep_result> result;
  {
    py::gil_scoped_release release;
    result.emplace(run_sweep(base, *it, {.threads = threads}));
  }
  const auto nx = static_cast<py::ssize_t>(it->x.points), ny = static_cast<py::ssize_t>(it->y.points);
  if (static_cast<py::ssize_t>(result->points.size()) != nx * ny)
    throw internal_error("model sweep: the grid has " + std::to_string(result->points.size()) + " points");
  py::array_t<double> x(nx), y(ny), war({nx, ny});
  py::array_t<std::int64_t> equilibria({nx, ny}), deal({nx, ny}), escalating({nx, ny}), swapping({nx, ny});
  py::array_t<bool> closed_form({py::ssize_t{3}, nx, ny}), found({py::ssize_t{3}, nx, ny});
  py::array_t<double> margin({py::ssize_t{3}, nx, ny});
  for (py::ssize_t i = 0; i < nx; ++i) x.mutable_at(i) = scalar_cast<double>(it->x.value(static_cast<std::size_t>(i)));
  for (py::ssize_t j = 0; j < ny; ++j) y.mutable_at(j) = scalar_cast<double>(it->y.value(static_cast<std::size_t>(j)));
  for (py::ssize_t i = 0; i < nx; ++i)
    for (py::ssize_t j = 0; j < ny; ++j) {
      const auto& p = result->points[static_cast<std::size_t>(i * ny + j)];  // y varies fastest
      equilibria.mutable_at(i, j) = static_cast<std::int64_t>(p.equilibria);
      deal.mutable_at(i, j) = static_cast<std::int64_t>(p.deal_equilibria);
      escalating.mutable_at(i, j) = static_cast<std::int64_t>(p.escalating_equilibria);
      swapping.mutable_at(i, j) = static_cast<std::int64_t>(p.swapping_equilibria);
      war.mutable_at(i, j) = p.largest_war_risk;
      for (py::ssize_t k = 0; k < 3; ++k) {
        closed_form.mutable_at(k, i, j) = p.closed_form[static_cast<std::size_t>(k)];
        found.mutable_at(k, i, j) = p.found[static_cast<std::size_t>(k)];
        margin.mutable_at(k, i, j) = p.margin[static_cast<std::size_t>(k)];
      }
    }
  py::dict out;
  out["name"] = it->name;
  out["title"] = it->title;
  out["x_label"] = it->x.label;
  out["y_label"] = it->y.label;
  out["x"] = x;
  out["y"] = y;
  out["equilibria"] = equilibria;
  out["deal_equilibria"] = deal;
  out["escalating_equilibria"] = escalating;
  out["swapping_equilibria"] = swapping;
  out["largest_war_risk"] = war;
  out["closed_form"] = closed_form;
  out["found"] = found;
  out["margin"] = margin;
  out["profile_names"] = py::make_tuple(std::string(named_profile_names[0]), std::string(named_profile_names[1]),
                                        std::string(named_profile_names[2]));
  out["no_deal_share"] = result->no_deal_share;
  out["friction_share"] = result->friction_share;
  out["disagreements"] = result->disagreements;
  out["seconds"] = result->seconds;
  return out;
}

}  // namespace

void register_model(py::module_& m) {
  auto model = m.def_submodule("_model", "The essay's controlled-friction model (see impasse.model)");
  model.def("defaults", [] { return parameters_to_python(controlled_friction_parameters{}); });
  model.def("parameters", [](const std::vector<std::string>& a) { return parameters_to_python(parameters_from(a)); });
  model.def("parameter_table", &parameter_descriptions);
  model.def("analyze", &analyze_model, py::arg("assignments"), py::arg("rounds"), py::arg("homotopy"),
            py::arg("sanctions_grid"));
  model.def("sweeps", &sweep_names, py::arg("assignments"), py::arg("points"));
  model.def("sweep", &sweep, py::arg("assignments"), py::arg("name"), py::arg("points"), py::arg("threads"));
}

}  // namespace impasse::python
