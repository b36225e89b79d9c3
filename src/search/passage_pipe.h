// The passage window of a snippet: Xapian 1.4.22's SnipPipe
// (queryparser/termgenerator_internal.cc), which slides over the words,
// keeps the stretch whose words weigh most, and writes it out with its marks.
#ifndef GAZETTE_SEARCH_PASSAGE_PIPE_H_
#define GAZETTE_SEARCH_PASSAGE_PIPE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/xapian_words.h"

namespace gazette::internal {

// The words of a passage, first in first out. A vector whose front moves:
// std::deque allocated more per snippet than the words it held cost.
template <typename T>
class Queue {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  T& operator[](std::size_t i) { return items_[head_ + i]; }
  T& front() { return items_[head_]; }
  T& back() { return items_.back(); }
  void push_back(const T& item) { items_.push_back(item); }
  void pop_front() {
    if (++head_ == items_.size()) clear();
  }
  void pop_back() { items_.pop_back(); }
  void clear() {
    items_.clear();
    head_ = 0;
  }
  void reserve(std::size_t n) { items_.reserve(n); }
  void swap(Queue& other) {
    items_.swap(other.items_);
    std::swap(head_, other.head_);
  }

 private:
  std::vector<T> items_;
  std::size_t head_ = 0;
};

// Xapian's SnipPipe; a word's relevance is an index into the caller's
// relevance array (-1 for none) rather than a pointer.
class Pipe {
  static constexpr double kDecay = 2.0;

 public:
  Pipe(std::size_t length, std::vector<double>& relevance)
      : length_(length + 1), relevance_(relevance) {
    // A window's words, most snippets: no growing on the way.
    pipe_.reserve(256);
    best_pipe_.reserve(64);
  }

  bool Pump(int r, std::size_t term_end, std::size_t highlight) {
    if (highlight > 1) {
      if (pipe_.size() >= highlight - 1) {
        // The phrase's last word is in: its relevance moves onto its first
        // word, to leave the sum when the phrase starts to leave the window.
        Word& phrase_start = pipe_[pipe_.size() - (highlight - 1)];
        if (phrase_start.relevance >= 0) {
          relevance_[phrase_start.relevance] *= kDecay;
          sum_ -= relevance_[phrase_start.relevance];
        }
        sum_ += relevance_[r];
        phrase_start.relevance = r;
        phrase_start.highlight = highlight;
        relevance_[r] /= kDecay;
      }
      r = -1;
      highlight = 0;
    }
    pipe_.push_back({r, term_end, highlight});
    if (r >= 0) {
      sum_ += relevance_[r];
      relevance_[r] /= kDecay;
    }
    while (term_end - begin_ > length_) {
      const Word word = pipe_.front();  // a copy: pushing may move the vector
      if (word.relevance >= 0) {
        relevance_[word.relevance] *= kDecay;
        sum_ -= relevance_[word.relevance];
      }
      begin_ = word.term_end;
      if (best_end_ >= begin_) best_pipe_.push_back(word);
      pipe_.pop_front();
      if (pipe_.empty()) break;
    }
    if (sum_ >= best_sum_) {
      if (begin_ >= best_end_) {
        best_pipe_.clear();
      } else {
        while (!best_pipe_.empty() && best_pipe_.front().term_end <= begin_) best_pipe_.pop_front();
      }
      best_sum_ = sum_;
      best_begin_ = begin_;
      best_end_ = term_end;
    } else if (best_sum_ > 0 && best_end_ < begin_) {
      return false;  // found something, and no longer near it
    }
    return true;
  }

  // Whether any word weighed: only then is the passage about the query.
  bool found() const { return best_sum_ > 0; }

  void Done() {
    if (begin_ >= best_end_) {
      pipe_.clear();
    } else {
      while (!pipe_.empty() && pipe_.back().term_end > best_end_) pipe_.pop_back();
    }
  }

  // One word of the passage into `out`; false once the passage is out.
  bool Drain(std::string_view input, char open, char close, std::string_view omit,
             std::string& out) {
    if (best_pipe_.empty() && !pipe_.empty()) best_pipe_.swap(pipe_);
    if (best_pipe_.empty()) {
      if (input.size() == best_end_) return false;
      // The sentence's end punctuation if it ends here.
      bool sentence_end = false;
      std::size_t i = best_end_;
      while (i < input.size()) {
        const xapian_words::Char c = xapian_words::At(input, i);
        if (sentence_end && Xapian::Unicode::is_whitespace(c.ch)) break;
        sentence_end = c.ch == '.' || c.ch == '?' || c.ch == '!';
        if (xapian_words::IsWordchar(c.ch)) break;
        i = c.next;
      }
      if (sentence_end) {
        out += input.substr(best_end_, i - best_end_);
        return false;
      }
      // Else up to four closing marks that belong to the last word, then "…".
      i = best_end_;
      int trailing = 0;
      while (i < input.size()) {
        const xapian_words::Char c = xapian_words::At(input, i);
        if (!xapian_words::IsTrailingMark(c.ch)) break;
        if (++trailing > 4) {
          trailing = 0;
          break;
        }
        i = c.next;
      }
      if (trailing) {
        out += input.substr(best_end_, i - best_end_);
        if (i == input.size()) return false;
      }
      out += omit;
      return false;
    }
    const Word& word = best_pipe_.front();
    if (out.empty()) {
      enum { kNo, kPunctuation, kYes } boundary = best_begin_ == 0 ? kYes : kNo;
      for (std::size_t i = best_begin_; i < word.term_end;) {
        const xapian_words::Char c = xapian_words::At(input.substr(0, word.term_end), i);
        switch (boundary) {
          case kNo:
            if (c.ch == '.' || c.ch == '?' || c.ch == '!') boundary = kPunctuation;
            break;
          case kPunctuation:
            if (Xapian::Unicode::is_whitespace(c.ch)) {
              boundary = kYes;
            } else if (c.ch != '.' && c.ch != '?' && c.ch != '!') {
              boundary = kNo;
            }
            break;
          case kYes: break;
        }
        // The snippet starts at its first word, with up to four opening
        // marks before it.
        if (xapian_words::IsWordchar(c.ch)) {
          if (i - best_begin_ > 4) best_begin_ = i;
          break;
        }
        i = c.next;
        if (!xapian_words::IsLeadingMark(c.ch)) best_begin_ = i;
      }
      if (boundary != kYes) out += omit;
    }
    if (word.highlight) {
      // The highlight leaves out the characters between words.
      for (std::size_t i = best_begin_; i < input.size();) {
        const xapian_words::Char c = xapian_words::At(input, i);
        if (xapian_words::IsWordchar(c.ch)) {
          out += input.substr(best_begin_, i - best_begin_);
          best_begin_ = i;
          break;
        }
        i = c.next;
      }
    }
    if (!phrase_left_) {
      phrase_left_ = word.highlight;
      if (phrase_left_) out += open;
    }
    out += input.substr(best_begin_, word.term_end - best_begin_);
    best_begin_ = word.term_end;
    if (phrase_left_ && --phrase_left_ == 0) out += close;
    best_pipe_.pop_front();
    return true;
  }

 private:
  struct Word {
    int relevance;
    std::size_t term_end;
    std::size_t highlight;
  };

  Queue<Word> pipe_, best_pipe_;
  std::size_t length_;
  std::vector<double>& relevance_;
  std::size_t begin_ = 0;
  double sum_ = 0;
  std::size_t phrase_left_ = 0;
  std::size_t best_begin_ = 0, best_end_ = 0;
  double best_sum_ = 0;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_PASSAGE_PIPE_H_
