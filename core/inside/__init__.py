"""Inside the shipped sentiment LSTM: what its units track, found on validation reviews.

- `run`: one review through the LSTM in float64, with or without an intervention (a unit of
  h or c clamped, a gate forced), and P(positive) after every token;
- `states`: the states of a bounded subset of validation reviews, computed once per process;
- `select`: the units on over a span of a review and off just before it;
- `match`: the validation spans where the same units turn on together;
- `rank`: units ranked by what they separate or respond to, and whether any is clean;
- `trace`: the page's one call.
"""
