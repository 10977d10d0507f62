// Sets of labels (strategies of either player, or variables of a
// best-response polytope) as fixed-width bit sets, and an open-addressing
// hash table keyed by them. Vertex enumeration looks up every neighbour of
// every basis it visits, so these lookups are the hottest thing it does
// after pivoting: a flat table with linear probing does one cache miss per
// lookup where a node-based std::unordered_set does several.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace impasse::detail {

/// A set of up to 64 * Words small integers.
template <std::size_t Words>
struct label_set {
  static constexpr std::size_t capacity = 64 * Words;
  std::array<std::uint64_t, Words> words{};

  void insert(std::size_t i) noexcept { words[i / 64] |= std::uint64_t{1} << (i % 64); }
  void flip(std::size_t i) noexcept { words[i / 64] ^= std::uint64_t{1} << (i % 64); }
  [[nodiscard]] bool contains(std::size_t i) const noexcept { return (words[i / 64] >> (i % 64)) & 1U; }
  [[nodiscard]] std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto w : words) n += static_cast<std::size_t>(std::popcount(w));
    return n;
  }
  /// True when every element of `other` is in this set.
  [[nodiscard]] bool includes(const label_set& other) const noexcept {
    for (std::size_t w = 0; w < Words; ++w)
      if (other.words[w] & ~words[w]) return false;
    return true;
  }
  /// The elements of {0, ..., universe - 1} not in this set.
  [[nodiscard]] label_set complement(std::size_t universe) const noexcept {
    label_set out;
    for (std::size_t w = 0; w < Words; ++w) {
      const std::size_t low = 64 * w;
      const std::uint64_t mask = universe >= low + 64 ? ~std::uint64_t{0}
                                 : universe <= low    ? std::uint64_t{0}
                                                      : (std::uint64_t{1} << (universe - low)) - 1;
      out.words[w] = ~words[w] & mask;
    }
    return out;
  }
  [[nodiscard]] std::size_t hash() const noexcept {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (auto w : words) {
      h ^= w + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      h *= 0xbf58476d1ce4e5b9ULL;
    }
    return static_cast<std::size_t>(h ^ (h >> 31));
  }
  [[nodiscard]] friend bool operator==(const label_set& a, const label_set& b) noexcept {
    for (std::size_t w = 0; w < Words; ++w)
      if (a.words[w] != b.words[w]) return false;
    return true;
  }
};

/// A set of non-empty label sets with open addressing and linear probing
/// (the empty set marks a free slot); the table doubles when half full.
/// The largest number of labels `with_label_set` has a set for.
inline constexpr std::size_t max_labels = 1024;

/// `f.template operator()<Key>()` with Key the narrowest label set that
/// holds `labels` labels (at most `max_labels`: the caller refuses more).
template <class F>
decltype(auto) with_label_set(std::size_t labels, F&& f) {
  if (labels <= 64) return f.template operator()<label_set<1>>();
  if (labels <= 128) return f.template operator()<label_set<2>>();
  if (labels <= 256) return f.template operator()<label_set<4>>();
  return f.template operator()<label_set<16>>();
}

template <class Key>
class nonempty_label_set_set {
 public:
  nonempty_label_set_set() { rehash(1024); }

  /// Starts loading the slot where `key` would go.
  void prefetch(const Key& key) const noexcept { __builtin_prefetch(&keys_[key.hash() & mask_]); }

  [[nodiscard]] bool contains(const Key& key) const noexcept {
    for (std::size_t slot = key.hash() & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == Key{}) return false;
      if (keys_[slot] == key) return true;
    }
  }

  /// Inserts `key` (which must not be empty); false if it was present.
  bool insert(const Key& key) {
    if (2 * (size_ + 1) > keys_.size()) rehash(2 * keys_.size());
    std::size_t slot = key.hash() & mask_;
    for (; !(keys_[slot] == Key{}); slot = (slot + 1) & mask_)
      if (keys_[slot] == key) return false;
    keys_[slot] = key;
    ++size_;
    return true;
  }

 private:
  void rehash(std::size_t capacity) {
    std::vector<Key> keys(capacity);
    keys.swap(keys_);
    mask_ = capacity - 1;
    for (const auto& key : keys) {
      if (key == Key{}) continue;
      std::size_t slot = key.hash() & mask_;
      while (!(keys_[slot] == Key{})) slot = (slot + 1) & mask_;
      keys_[slot] = key;
    }
  }

  std::vector<Key> keys_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

/// A map from label sets to indices with open addressing and linear
/// probing; the table doubles when half full. Values are never removed.
template <class Key>
class label_set_map {
 public:
  static constexpr std::size_t absent = ~std::size_t{0};

  label_set_map() { rehash(64); }

  /// The value stored under `key`, or `absent`.
  [[nodiscard]] std::size_t find(const Key& key) const noexcept {
    for (std::size_t slot = key.hash() & mask_;; slot = (slot + 1) & mask_) {
      if (values_[slot] == absent) return absent;
      if (keys_[slot] == key) return values_[slot];
    }
  }

  /// Stores `value` under `key` unless the key is present; returns the
  /// value now stored and whether it was inserted.
  std::pair<std::size_t, bool> insert(const Key& key, std::size_t value) {
    if (2 * (size_ + 1) > values_.size()) rehash(2 * values_.size());
    std::size_t slot = key.hash() & mask_;
    for (; values_[slot] != absent; slot = (slot + 1) & mask_)
      if (keys_[slot] == key) return {values_[slot], false};
    keys_[slot] = key;
    values_[slot] = value;
    ++size_;
    return {value, true};
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  void rehash(std::size_t capacity) {
    std::vector<Key> keys(capacity);
    std::vector<std::size_t> values(capacity, absent);
    keys.swap(keys_);
    values.swap(values_);
    mask_ = capacity - 1;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] == absent) continue;
      std::size_t slot = keys[i].hash() & mask_;
      while (values_[slot] != absent) slot = (slot + 1) & mask_;
      keys_[slot] = keys[i];
      values_[slot] = values[i];
    }
  }

  std::vector<Key> keys_;
  std::vector<std::size_t> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace impasse::detail
