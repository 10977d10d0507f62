// impasse's exceptions as Python exceptions: `impasse.Error` for
// `impasse::error`, and a subclass per kind with the C++ message. The kinds
// caused by bad input are also `ValueError`s (a file that cannot be read an
// `OSError`), so that code that catches the built-in kinds still works.
#include "bindings.hpp"

#include <impasse/core/error.hpp>
#include <impasse/core/limits.hpp>

namespace impasse::python {

namespace {

// Leaked like every static Python object: they live as long as the process.
struct error_classes {
  py::handle base, parse, file, game, profile, argument, limit, internal;
};

error_classes& classes() {
  static error_classes c;
  return c;
}

py::handle new_exception(py::module_& m, const char* name, py::handle bases, const char* doc) {
  const std::string qualified = std::string("impasse.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));  // add_object takes a new reference
  return py::handle(type);
}

void raise(py::handle type, const char* message) { PyErr_SetString(type.ptr(), message); }

}  // namespace

void register_errors(py::module_& m) {
  auto& c = classes();
  c.base = new_exception(m, "Error", PyExc_Exception, "Base of every exception impasse raises (impasse::error).");
  const auto with = [&](PyObject* builtin) { return py::make_tuple(c.base, py::handle(builtin)); };
  c.parse = new_exception(m, "ParseError", with(PyExc_ValueError),
                          "A game file that does not parse; `source`, `line`, `column` and `message` say where and what.");
  c.file = new_exception(m, "FileError", with(PyExc_OSError), "A file that cannot be opened or read.");
  c.game = new_exception(m, "InvalidGame", with(PyExc_ValueError),
                         "A game that cannot exist: no players, a player without strategies, a payoff that is not "
                         "finite, payoff arrays whose shapes disagree.");
  c.profile = new_exception(m, "InvalidProfile", with(PyExc_ValueError),
                            "A strategy profile that does not fit its game.");
  c.argument = new_exception(m, "InvalidArgument", with(PyExc_ValueError),
                             "A solver asked for something it does not do (a two-player method on three "
                             "players), or an option out of range.");
  c.limit = new_exception(m, "LimitExceeded", with(PyExc_ValueError),
                          "An input over one of the hostile-input limits (core/limits.hpp): `limit` names the "
                          "field of input_limits, and the message says where the reader met it.");
  c.internal = new_exception(m, "InternalError", c.base,
                             "A broken invariant inside impasse: a bug, please report it with its input.");

  py::register_exception_translator([](std::exception_ptr p) {
    auto& c = classes();
    try {
      if (p) std::rethrow_exception(p);
    } catch (const parse_error& e) {
      py::object exception = py::reinterpret_borrow<py::object>(c.parse)(e.what());
      exception.attr("source") = e.source();
      exception.attr("line") = e.line();
      exception.attr("column") = e.column();
      exception.attr("message") = e.message();
      PyErr_SetObject(c.parse.ptr(), exception.ptr());
    } catch (const file_error& e) {
      raise(c.file, e.what());
    } catch (const invalid_game& e) {
      raise(c.game, e.what());
    } catch (const invalid_profile& e) {
      raise(c.profile, e.what());
    } catch (const invalid_argument& e) {
      raise(c.argument, e.what());
    } catch (const limit_exceeded& e) {
      py::object exception = py::reinterpret_borrow<py::object>(c.limit)(e.what());
      exception.attr("limit") = e.limit();
      PyErr_SetObject(c.limit.ptr(), exception.ptr());
    } catch (const internal_error& e) {
      raise(c.internal, e.what());
    } catch (const error& e) {
      raise(c.base, e.what());
    }
  });
}

}  // namespace impasse::python
