"""The calculator: the slides' RNN and LSTM examples (or any small cell) worked number by number.

    tables.py   the cell's numbers as text grids: sizes, resize, random, presets
    parse.py    grids -> cell parameters, or one FieldError (code + params) per bad cell
    share.py    share codes (the URL's `w`) and back; ShareCodeError
    trace.py    `calculate`: the page's one call, every number of every step;
                `calculate_head`: an RNN's head on its last hidden state (slides 15-17)
    loss.py     the head: logits, softmax and cross-entropy (log-sum-exp), its text grid
    slides.py   what the slides print next to what the app computes
    export.py   the trace as a table and a CSV
    presets.py  the lecture's worked examples

No words here: ui/calculator/ prints the numbers and words the errors.
"""
