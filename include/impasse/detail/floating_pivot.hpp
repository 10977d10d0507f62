// The pivot of a dense double dictionary stored by columns, shared by the
// double paths that pivot on one: Lemke-Howson's (detail/lemke_howson_tableau.hpp),
// Lemke's (detail/lemke.hpp) and the polymatrix path of iterated
// polymatrix approximation (detail/polymatrix_pivoting.hpp). It runs with AVX2 where the processor
// has it (chosen once at run time; the same operations and so the same
// roundings as the SSE2 build, no fused multiply-add).
#pragma once

#include <cstddef>
#include <new>

namespace impasse::detail {

/// One pivot of a double dictionary stored by columns (`rows` x `width`):
/// entry (i, j) <- entry(i, j) - entry(i, c) entry(r, j) / p for i != r,
/// the pivot row divided by p, the pivot column -entry(i, c) / p with 1 / p
/// at the pivot. O(rows x the pivot row's non-zero entries): a column
/// whose entry in the pivot row is zero does not change, so on sparse
/// dictionaries (sequence-form LCPs) most columns are skipped. `source`
/// (`rows` doubles) is scratch for the pivot column, `columns` (`width`
/// indices) for the columns that change. They are updated four at a time,
/// so that each load of the pivot column serves four `y -= f x` and the
/// loop overhead of short columns is paid once per four.
[[gnu::always_inline]] inline void floating_pivot_body(double* entries, std::size_t rows, std::size_t stride,
                                                       std::size_t width, std::size_t row, std::size_t column,
                                                       double* __restrict source, std::size_t* __restrict columns) {
  double* pivot_column = entries + column * stride;
  const double p = pivot_column[row];
  for (std::size_t i = 0; i < rows; ++i) source[i] = pivot_column[i];
  std::size_t changing = 0;
  for (std::size_t j = 0; j < width; ++j)
    if (j != column && entries[j * stride + row] != 0) columns[changing++] = j;
  std::size_t k = 0;
  for (; k + 4 <= changing; k += 4) {
    double* __restrict t0 = entries + columns[k] * stride;
    double* __restrict t1 = entries + columns[k + 1] * stride;
    double* __restrict t2 = entries + columns[k + 2] * stride;
    double* __restrict t3 = entries + columns[k + 3] * stride;
    const double f0 = t0[row] / p, f1 = t1[row] / p, f2 = t2[row] / p, f3 = t3[row] / p;
    for (std::size_t i = 0; i < rows; ++i) {
      const double x = source[i];
      t0[i] -= f0 * x;
      t1[i] -= f1 * x;
      t2[i] -= f2 * x;
      t3[i] -= f3 * x;
    }
    t0[row] = f0;
    t1[row] = f1;
    t2[row] = f2;
    t3[row] = f3;
  }
  for (; k < changing; ++k) {
    double* __restrict target = entries + columns[k] * stride;
    const double factor = target[row] / p;
    for (std::size_t i = 0; i < rows; ++i) target[i] -= factor * source[i];
    target[row] = factor;
  }
  for (std::size_t i = 0; i < rows; ++i) pivot_column[i] = -source[i] / p;
  pivot_column[row] = 1 / p;
}

#if defined(__x86_64__) && defined(__GNUC__)
/// The same loops compiled for AVX2 (4 doubles per instruction, no FMA,
/// so the roundings are those of the portable build).
[[gnu::target("avx2")]] inline void floating_pivot_avx2(double* entries, std::size_t rows, std::size_t stride,
                                                        std::size_t width, std::size_t row, std::size_t column,
                                                        double* source, std::size_t* columns) {
  floating_pivot_body(entries, rows, stride, width, row, column, source, columns);
}
#endif

inline void floating_pivot(double* entries, std::size_t rows, std::size_t stride, std::size_t width, std::size_t row,
                           std::size_t column, double* source, std::size_t* columns) {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return floating_pivot_avx2(entries, rows, stride, width, row, column, source, columns);
#endif
  floating_pivot_body(entries, rows, stride, width, row, column, source, columns);
}

/// Storage on 64-byte boundaries (a cache line): with columns padded to a
/// multiple of four doubles, no vector load of a pivot straddles two lines.
template <class T>
struct cache_line_allocator {
  using value_type = T;
  cache_line_allocator() = default;
  template <class U>
  cache_line_allocator(const cache_line_allocator<U>&) noexcept {}
  [[nodiscard]] T* allocate(std::size_t count) {
    return static_cast<T*>(::operator new(count * sizeof(T), std::align_val_t{64}));
  }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t{64}); }
  template <class U>
  bool operator==(const cache_line_allocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace impasse::detail
