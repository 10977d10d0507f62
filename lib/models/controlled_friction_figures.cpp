// The sweeps as CSV and as SVG phase diagrams.
#include <impasse/models/controlled_friction_sweep.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string>

namespace impasse::models {

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

double to_double(const rational& x) { return x.convert_to<double>(); }

}  // namespace

void write_csv(std::ostream& out, const sweep_result& sweep) {
  out << csv_field(sweep.definition.x.label) << ',' << csv_field(sweep.definition.y.label)
      << ",equilibria,deal_equilibria,escalating_equilibria,swapping_equilibria,largest_war_risk";
  for (const auto name : {"friction", "revocable_deal", "durable_deal"})
    out << ',' << name << "_closed_form," << name << "_found," << name << "_margin";
  out << '\n';
  for (const auto& p : sweep.points) {
    out << to_decimal_string(p.x, 6) << ',' << to_decimal_string(p.y, 6) << ',' << p.equilibria << ','
        << p.deal_equilibria << ',' << p.escalating_equilibria << ',' << p.swapping_equilibria << ','
        << fmt::format("{:.6g}", p.largest_war_risk);
    for (std::size_t k = 0; k < 3; ++k)
      out << ',' << (p.closed_form[k] ? 1 : 0) << ',' << (p.found[k] ? 1 : 0) << ',' << fmt::format("{:.6g}", p.margin[k]);
    out << '\n';
  }
}

void write_svg(std::ostream& out, const sweep_result& sweep) {
  const auto& d = sweep.definition;
  constexpr double left = 90, top = 64, width = 480, height = 400;
  const std::size_t nx = std::max<std::size_t>(d.x.points, 1), ny = std::max<std::size_t>(d.y.points, 1);
  const double cell_w = width / static_cast<double>(nx), cell_h = height / static_cast<double>(ny);
  const double x0 = to_double(d.x.low), x1 = to_double(d.x.high), y0 = to_double(d.y.low), y1 = to_double(d.y.high);
  const auto px = [&](double x) { return left + (x1 == x0 ? 0.5 : (x - x0) / (x1 - x0)) * (width - cell_w) + cell_w / 2; };
  const auto py = [&](double y) {
    return top + height - ((y1 == y0 ? 0.5 : (y - y0) / (y1 - y0)) * (height - cell_h) + cell_h / 2);
  };

  out << fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
      left + width + 150, top + height + 140);
  out << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << fmt::format("<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n", left,
                     xml_escape(d.title));
  out << fmt::format(
      "<text x=\"{}\" y=\"44\" fill=\"#444\">No pure stationary MPE reaches the deal on {:.1f}% of the {} "
      "points; controlled friction on {:.1f}%</text>\n",
      left, 100 * sweep.no_deal_share, sweep.points.size(), 100 * sweep.friction_share);

  // Cells.
  out << "<g shape-rendering=\"crispEdges\">\n";
  for (const auto& p : sweep.points) {
    const char* fill = p.deal_equilibria > 0              ? "#2f6690"
                       : p.largest_war_risk >= 0.5        ? "#b3261e"
                       : p.escalating_equilibria == p.equilibria && p.equilibria > 0 ? "#e9a66b"
                                                          : "#e8e2d4";
    out << fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" fill=\"{}\"/>\n",
                       px(to_double(p.x)) - cell_w / 2, py(to_double(p.y)) - cell_h / 2, cell_w + 0.05,
                       cell_h + 0.05, fill);
  }
  out << "</g>\n";
  // The closed-form boundaries: where a named profile's exact margin
  // changes sign between neighbouring grid points, a mark halfway.
  const auto at = [&](std::size_t i, std::size_t j) -> const sweep_point& { return sweep.points[i * ny + j]; };
  if (sweep.points.size() == nx * ny) {
    for (std::size_t i = 0; i < nx; ++i)
      for (std::size_t j = 0; j < ny; ++j) {
        const auto& p = at(i, j);
        const auto mark = [&](const sweep_point& q) {
          const double cx = (px(to_double(p.x)) + px(to_double(q.x))) / 2;
          const double cy = (py(to_double(p.y)) + py(to_double(q.y))) / 2;
          if (p.closed_form[0] != q.closed_form[0])
            out << fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"3\" height=\"3\" fill=\"#222\"/>\n",
                               cx - 1.5, cy - 1.5);
          if (p.closed_form[1] != q.closed_form[1])
            out << fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"1.8\" fill=\"#f2f2f2\" stroke=\"#111\" "
                               "stroke-width=\"0.6\"/>\n",
                               cx, cy);
          if (p.closed_form[2] != q.closed_form[2])
            out << fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"1.8\" fill=\"#7b2cbf\"/>\n", cx, cy);
        };
        if (i + 1 < nx) mark(at(i + 1, j));
        if (j + 1 < ny) mark(at(i, j + 1));
      }
  }
  // Frame, ticks and labels.
  out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#222\"/>\n", left, top,
                     width, height);
  for (int k = 0; k <= 4; ++k) {
    const double xv = x0 + (x1 - x0) * k / 4.0, yv = y0 + (y1 - y0) * k / 4.0;
    out << fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"middle\">{:.3g}</text>\n", px(xv),
                       top + height + 18, xv);
    out << fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"end\">{:.3g}</text>\n", left - 6, py(yv) + 4, yv);
  }
  out << fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"middle\">{}</text>\n", left + width / 2,
                     top + height + 38, xml_escape(d.x.label));
  out << fmt::format(
      "<text x=\"{0:.2f}\" y=\"{1:.2f}\" text-anchor=\"middle\" transform=\"rotate(-90 {0:.2f} {1:.2f})\">{2}</text>\n",
      left - 52, top + height / 2, xml_escape(d.y.label));
  // Legend.
  const double ly = top + height + 62;
  const auto legend = [&](double x, double y, const char* fill, const char* text) {
    out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#888\"/>\n", x, y - 11,
                       fill);
    out << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", x + 20, y, text);
  };
  legend(left, ly, "#e9a66b", "no deal; every MPE escalates, war unlikely");
  legend(left + 290, ly, "#e8e2d4", "no deal; some MPE keeps quiet");
  legend(left, ly + 22, "#2f6690", "some MPE reaches the deal");
  legend(left + 290, ly + 22, "#b3261e", "no deal; war within the horizon likely");
  out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"5\" height=\"5\" fill=\"#222\"/>\n", left + 5, ly + 37);
  out << fmt::format("<text x=\"{}\" y=\"{}\">closed form: friction profile</text>\n", left + 20, ly + 44);
  out << fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#f2f2f2\" stroke=\"#111\"/>\n", left + 197, ly + 40);
  out << fmt::format("<text x=\"{}\" y=\"{}\">revocable deal</text>\n", left + 207, ly + 44);
  out << fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#7b2cbf\"/>\n", left + 307, ly + 40);
  out << fmt::format("<text x=\"{}\" y=\"{}\">durable deal</text>\n", left + 317, ly + 44);
  out << fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#444\">closed form and enumeration disagree at {} points "
                     "off the boundaries</text>\n",
                     left, ly + 66, sweep.disagreements);
  out << "</svg>\n";
}

}  // namespace impasse::models
