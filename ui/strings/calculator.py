"""The calculator page's words, in both languages (keys: "calculator.<name>", "error.calc_*")."""

# Vietnamese says "slide" too.
KEPT: frozenset[str] = frozenset({"slide"})

STRINGS: dict[str, dict[str, str]] = {
    "calculator.title": {"vi": "🧮 Máy tính RNN/LSTM", "en": "🧮 RNN/LSTM calculator"},
    "calculator.mode_label": {"vi": "Ví dụ", "en": "Example"},
    "calculator.mode_lstm_slide": {"vi": "LSTM · slide 43-50", "en": "LSTM · slides 43-50"},
    "calculator.mode_rnn_slide": {"vi": "RNN · slide 11-14", "en": "RNN · slides 11-14"},
    "calculator.mode_custom": {"vi": "Tự nhập", "en": "Custom"},
    "calculator.url_error": {
        "vi": "Không đọc được liên kết: {why}. Đang hiện ví dụ LSTM của slide.",
        "en": "Could not read the link: {why}. Showing the slides' LSTM example.",
    },
    # The gates as slides 44-47 title them.
    "calculator.gate_f": {"vi": "cổng quên", "en": "forget gate"},
    "calculator.gate_i": {"vi": "cổng vào", "en": "input gate"},
    "calculator.gate_g": {"vi": "ô nhớ ứng viên", "en": "candidate memory"},
    "calculator.gate_o": {"vi": "cổng ra", "en": "output gate"},
    "calculator.rnn_update": {
        "vi": "h · cập nhật trạng thái ẩn ({act})",
        "en": "h · hidden update ({act})",
    },
    "calculator.gate_saturated": {"vi": "⚠️ bão hòa (|z| > 5)", "en": "⚠️ saturated (|z| > 5)"},
    "calculator.state_heading_lstm": {
        "vi": "Trạng thái ô nhớ và đầu ra",
        "en": "Cell state and output",
    },
    "calculator.state_heading_rnn": {"vi": "Như slide viết", "en": "As the slides write it"},
    "calculator.overflow": {
        "vi": "Bước t={t}: có giá trị vượt quá giới hạn của float64 nên đã được kẹp về ±1.8e308. "
        "Các số vẫn hữu hạn; hãy dùng trọng số nhỏ hơn để có kết quả có ý nghĩa.",
        "en": "Step t={t}: some value passed float64's range and was clamped to ±1.8e308. "
        "The numbers stay finite; use smaller weights for a meaningful result.",
    },
    "calculator.checks_heading": {
        "vi": "Đối chiếu với slide: mọi giá trị được tính lại",
        "en": "Every slide value, recomputed",
    },
    "calculator.checks_slide": {"vi": "slide", "en": "slide"},
    "calculator.checks_quantity": {"vi": "đại lượng", "en": "quantity"},
    "calculator.checks_printed": {"vi": "slide in", "en": "printed"},
    "calculator.checks_app": {"vi": "app tính", "en": "app"},
    "calculator.checks_exact": {"vi": "chính xác", "en": "exact"},
    "calculator.checks_match": {"vi": "khớp", "en": "match"},
    "calculator.slide": {"vi": "Slide", "en": "Slide"},
    "calculator.note_rounded_sum": {
        "vi": "slide làm tròn từng tích đến 3 chữ số rồi mới cộng ({fc} + {ig}); "
        "giá trị chính xác là {exact_c}.",
        "en": "the slide rounds each product to 3 decimals before adding ({fc} + {ig}); "
        "the exact value is {exact_c}.",
    },
    "calculator.note_tanh_of_rounded": {
        "vi": "tanh của c_t đã làm tròn ({c}); tanh({exact_c}) = {exact_tanh}.",
        "en": "tanh of the slide's rounded c_t ({c}); tanh({exact_c}) = {exact_tanh}.",
    },
    "calculator.note_erratum": {
        "vi": "cả hai slide in nhầm một phép cộng (1.986); bảng ghi tích mà slide muốn nói, "
        "xem phần đính chính ở trên.",
        "en": "both slides print a sum by mistake (1.986); the table holds the product they "
        "mean, see the erratum above.",
    },
    "calculator.lstm_intro": {
        "vi": "Một bước LSTM với các số vô hướng: **x_t = 1, h_(t-1) = 1, c_(t-1) = 2**. "
        "Mỗi cổng tính `W_x×x + b_x + W_h×h + b_h = z`, rồi lấy σ(z) hoặc tanh(z).",
        "en": "One scalar LSTM step: **x_t = 1, h_(t-1) = 1, c_(t-1) = 2**. "
        "Each gate computes `W_x×x + b_x + W_h×h + b_h = z`, then σ(z) or tanh(z).",
    },
    "calculator.metric_c_slide": {
        "vi": "c_t (slide 48, làm tròn)",
        "en": "c_t (slide 48, rounded)",
    },
    "calculator.metric_c_exact": {"vi": "c_t chính xác", "en": "c_t exact"},
    "calculator.metric_tanh_slide": {
        "vi": "tanh(c_t) (slide 49, làm tròn)",
        "en": "tanh(c_t) (slide 49, rounded)",
    },
    "calculator.metric_h_slide": {
        "vi": "h_t (slide 49-50, đã đính chính)",
        "en": "h_t (slides 49-50, corrected)",
    },
    "calculator.rounding_note": {
        "vi": "**Slide 48:** `{line}`. Giá trị chính xác: **{exact}**. Slide làm tròn mỗi tích "
        "đến 3 chữ số rồi mới cộng; các dòng tính phía trên giữ đủ chữ số (nên ra 2.948 và "
        "tanh = 0.995).",
        "en": "**Slide 48:** `{line}`. Exact value: **{exact}**. The slide rounds each product "
        "to 3 decimals before adding; the lines above keep every digit (hence 2.948 and "
        "tanh = 0.995).",
    },
    "calculator.erratum": {
        "vi": "**Đính chính slide 49 và 50:** hai slide in `{wrong}`, nhưng h_t = o ⊙ tanh(c_t) là "
        "phép **nhân**: `{right}` (chính xác {exact}).",
        "en": "**Erratum, slides 49 and 50:** both print `{wrong}`, but h_t = o ⊙ tanh(c_t) is a "
        "**product**: `{right}` (exact {exact}).",
    },
    "calculator.rnn_intro": {
        "vi": "RNN với ReLU và hai bias như PyTorch: "
        "`h_t = ReLU(h_(t-1) W_hh^T + b_hh + x_t W_xh^T + b_xh)`; W_xh toàn số 1, "
        "b_xh = [1, 1], W_hh = I, b_hh = [0, 1], h_0 = [0, 0]. Slide 11, 12 và 13 tính "
        "bước t = 1, 2, 3; slide 14 là công thức tổng quát.",
        "en": "A ReLU RNN with PyTorch's two biases: "
        "`h_t = ReLU(h_(t-1) W_hh^T + b_hh + x_t W_xh^T + b_xh)`; W_xh all ones, "
        "b_xh = [1, 1], W_hh = I, b_hh = [0, 1], h_0 = [0, 0]. Slides 11, 12 and 13 work "
        "steps t = 1, 2, 3; slide 14 is the general formula.",
    },
    "calculator.rnn_x2_note": {
        "vi": "x_2 không đọc được trong bản trích của slide; mọi x_2 có tổng các phần tử bằng 1 "
        "đều cho đúng số của slide, ở đây dùng [0, 0, 1].",
        "en": "x_2 is illegible in the slide text; any x_2 whose entries sum to 1 gives the "
        "slide's numbers, here [0, 0, 1].",
    },
    "calculator.kind_label": {"vi": "Loại ô", "en": "Cell"},
    "calculator.kind_lstm": {"vi": "LSTM", "en": "LSTM"},
    "calculator.kind_rnn_relu": {
        "vi": "RNN (ReLU, như slide)",
        "en": "RNN (ReLU, as on the slides)",
    },
    "calculator.kind_rnn_tanh": {
        "vi": "RNN (tanh, mặc định của PyTorch)",
        "en": "RNN (tanh, PyTorch's default)",
    },
    "calculator.size_I": {"vi": "I (kích thước đầu vào)", "en": "I (input size)"},
    "calculator.size_H": {"vi": "H (kích thước ẩn)", "en": "H (hidden size)"},
    "calculator.size_T": {"vi": "T (số bước)", "en": "T (steps)"},
    "calculator.seed": {"vi": "Hạt giống ngẫu nhiên", "en": "Random seed"},
    "calculator.random": {"vi": "🎲 Ngẫu nhiên", "en": "🎲 Random"},
    "calculator.slide_button": {"vi": "↺ Ví dụ của slide", "en": "↺ Slide example"},
    "calculator.editor_order": {
        "vi": "Các hàng theo thứ tự gói của PyTorch: i, f, g, o (slide trình bày cổng f trước).",
        "en": "Rows follow PyTorch's packing: i, f, g, o (the slides present gate f first).",
    },
    "calculator.field_W_x": {"vi": "Trọng số đầu vào W_x", "en": "Input weights W_x"},
    "calculator.field_W_h": {"vi": "Trọng số ẩn W_h", "en": "Hidden weights W_h"},
    "calculator.field_b": {"vi": "Bias b_x, b_h", "en": "Biases b_x, b_h"},
    "calculator.field_X": {"vi": "Đầu vào x_t", "en": "Inputs x_t"},
    "calculator.field_state": {"vi": "Trạng thái ban đầu", "en": "Initial states"},
    "calculator.errors_count": {
        "vi": "Có {n} ô cần sửa (xem thông báo dưới từng bảng).",
        "en": "{n} cell(s) to fix: see the message under each table.",
    },
    "calculator.last_valid": {
        "vi": "Đang hiện kết quả hợp lệ gần nhất.",
        "en": "Showing the last valid result.",
    },
    "calculator.step_label": {"vi": "Bước thời gian t", "en": "Time step t"},
    "calculator.step_heading": {"vi": "Bước t = {t}", "en": "Step t = {t}"},
    "calculator.diagram_heading": {
        "vi": "Sơ đồ ô với các giá trị hiện tại",
        "en": "The cell with its live values",
    },
    "calculator.diagram_saturated": {"vi": "(bão hòa)", "en": "(saturated)"},
    "calculator.sat_unit": {"vi": ", đơn vị {unit}", "en": ", unit {unit}"},
    "calculator.sat_warning": {
        "vi": "Bước t={t}, cổng {gate}{unit}: |tiền kích hoạt| = |{pre}| > {limit}, cổng bị bão "
        "hòa: đạo hàm {act}' = {d} ≈ 0, nên gradient qua cổng này gần như biến mất.",
        "en": "Step t={t}, gate {gate}{unit}: |pre-activation| = |{pre}| > {limit}, saturated: "
        "the derivative {act}' = {d} ≈ 0, so almost no gradient flows through this gate.",
    },
    "calculator.sat_elsewhere": {
        "vi": "⚠️ {n} cổng bão hòa ở các bước khác: t = {steps}",
        "en": "⚠️ {n} saturated gate(s) at other steps: t = {steps}",
    },
    "calculator.trace_heading": {"vi": "Toàn bộ vết tính", "en": "The whole trace"},
    "calculator.trace_t": {"vi": "t", "en": "t"},
    "calculator.trace_quantity": {"vi": "đại lượng", "en": "quantity"},
    "calculator.trace_unit": {"vi": "đơn vị {j}", "en": "unit {j}"},
    "calculator.csv": {"vi": "⬇️ Tải vết tính (CSV)", "en": "⬇️ Download the trace (CSV)"},
    "calculator.to_explorer": {
        "vi": "📉 Xem gradient của ô này",
        "en": "📉 Explore this cell's gradients",
    },
    "calculator.share": {
        "vi": "**🔗 Chia sẻ bài tập:** liên kết này (cũng như thanh địa chỉ) "
        "chứa mọi số đang hiện.",
        "en": "**🔗 Share this exercise:** this link, like the address bar, "
        "holds every number shown.",
    },
    # Errors core raises (core/calculator/parse.py, share.py).
    "error.calc_empty_cell": {
        "vi": "ô trống: hãy nhập một số, ví dụ 0",
        "en": "empty cell: type a number, e.g. 0",
    },
    "error.calc_not_a_number": {
        "vi": "'{text}' không phải là số (ví dụ hợp lệ: 1.5, -0.3, 1e3)",
        "en": "'{text}' is not a number (e.g. 1.5, -0.3, 1e3)",
    },
    "error.calc_nan": {
        "vi": "NaN không phải là số: hãy nhập một số hữu hạn",
        "en": "NaN is not a number: type a finite number",
    },
    "error.calc_infinite": {
        "vi": "vô cực (float64 chỉ tới {max}): hãy nhập số nhỏ hơn, ví dụ 1e300",
        "en": "infinite (float64 stops at {max}): type a finite number, e.g. 1e300",
    },
    "error.calc_shape": {
        "vi": "sai kích thước: bảng có {got_rows}×{got_cols}, cần {rows}×{cols}",
        "en": "shape mismatch: the table is {got_rows}×{got_cols}, expected {rows}×{cols}",
    },
    "error.calc_sizes": {
        "vi": "kích thước ngoài giới hạn: I={I}, H={H}, T={T} (I và H từ 1 đến 4; T từ 1 đến 6)",
        "en": "sizes out of range: I={I}, H={H}, T={T} (I, H from 1 to 4; T from 1 to 6)",
    },
    "error.calc_kind": {
        "vi": "không biết loại ô '{kind}': chọn LSTM hoặc RNN",
        "en": "unknown cell kind '{kind}': choose LSTM or RNN",
    },
    "error.calc_share_start": {
        "vi": "mã chia sẻ không bắt đầu như 'L111_' (loại ô L/R/T, rồi I, H, T)",
        "en": "the share code does not start like 'L111_' (cell kind L/R/T, then I, H, T)",
    },
    "error.calc_share_size": {
        "vi": "{name}={value} nằm ngoài giới hạn ({lo}-{hi})",
        "en": "{name}={value} is out of range ({lo}-{hi})",
    },
    "error.calc_share_count": {
        "vi": "mã chia sẻ có {got} số, nhưng một {kind} với I={I}, H={H}, T={T} cần {need} số",
        "en": "the share code has {got} numbers, a {kind} with I={I}, H={H}, T={T} needs {need}",
    },
    "error.calc_share_number": {"vi": "số thứ {k} trong mã", "en": "number {k} of the code"},
    # Slides 15-17: the classification loss on the RNN's last hidden state.
    "calculator.loss_heading": {
        "vi": "Hàm mất mát: từ h_T đến cross-entropy (slide 15-17)",
        "en": "The loss: from h_T to cross-entropy (slides 15-17)",
    },
    "calculator.loss_intro": {
        "vi": "Slide 15-17 đặt một tầng FC (kết nối đầy đủ) lên trạng thái ẩn cuối cùng "
        "h_T, lấy softmax rồi tính cross-entropy (CE Loss) với lớp đúng y. Slide không in "
        "trọng số của tầng FC, nên "
        "tầng FC mặc định ở đây **không phải số của slide**: đó là một tầng nhỏ cho {C} lớp, "
        "sinh ngẫu nhiên với hạt giống {seed}. Hãy sửa tùy ý.",
        "en": "Slides 15-17 put an FC layer on the last hidden state h_T, take the softmax and "
        "the cross-entropy (CE Loss) against the true class y. The slides print no weights "
        "for the FC layer, so the default head here is **not the slides' numbers**: it is a "
        "small {C}-class head drawn at random with seed {seed}. Edit it as you like.",
    },
    "calculator.loss_shared": {
        "vi": "**Cùng một W_xh và W_hh ở mọi bước.** Slide 16 và 17 ghi W_xh và W_hh dưới từng "
        "bước: RNN dùng lại đúng một cặp ma trận ở mọi bước thời gian, chỉ x_t và h_(t-1) "
        "thay đổi. Ở đây: `{line}`.",
        "en": "**The same W_xh and W_hh at every step.** Slides 16 and 17 write W_xh and W_hh "
        "under each step: the RNN reuses one pair of matrices at every time step; only x_t "
        "and h_(t-1) change. Here: `{line}`.",
    },
    "calculator.loss_diagram_heading": {
        "vi": "RNN trải ra theo thời gian, rồi tầng FC và hàm mất mát",
        "en": "The RNN unrolled in time, then the head and the loss",
    },
    "calculator.loss_dot_ce": {"vi": "CE Loss", "en": "CE Loss"},
    "calculator.loss_head_title": {
        "vi": "Tầng FC: z = W h_T + b (mỗi hàng một lớp)",
        "en": "FC head: z = W h_T + b (one row per class)",
    },
    "calculator.loss_classes": {"vi": "Số lớp", "en": "Classes"},
    "calculator.loss_target": {"vi": "Lớp đúng y", "en": "True class y"},
    "calculator.loss_class": {"vi": "lớp {k}", "en": "class {k}"},
    "calculator.loss_col_class": {"vi": "lớp", "en": "class"},
    "calculator.loss_reset": {"vi": "↺ Tầng FC mặc định", "en": "↺ Default head"},
    "calculator.loss_logits_heading": {
        "vi": "Logit: z = W h_T + b",
        "en": "Logits: z = W h_T + b",
    },
    "calculator.loss_softmax_heading": {
        "vi": "Softmax. Trừ m = max(z) trước: kết quả không đổi, còn e^(z_k − m) ≤ 1 "
        "nên không bao giờ tràn số (log-sum-exp).",
        "en": "Softmax. Subtract m = max(z) first: the result is the same, and "
        "e^(z_k − m) ≤ 1 never overflows (log-sum-exp).",
    },
    "calculator.loss_ce_heading": {
        "vi": "Cross-entropy với lớp đúng y = {y}",
        "en": "Cross-entropy against the true class y = {y}",
    },
    "calculator.loss_underflow": {
        "vi": "p_{y} nhỏ hơn số float64 dương nhỏ nhất nên thành 0 và −log p_{y} sẽ là ∞; "
        "dạng log-sum-exp vẫn cho L chính xác.",
        "en": "p_{y} is below float64's smallest positive number, so it is 0 and −log p_{y} "
        "would be ∞; the log-sum-exp form still gives the exact L.",
    },
    "calculator.loss_overflow": {
        "vi": "Có logit vượt quá giới hạn của float64 nên đã được kẹp về ±1.8e308; "
        "hãy dùng trọng số nhỏ hơn.",
        "en": "A logit passed float64's range and was clamped to ±1.8e308; use smaller weights.",
    },
    "calculator.loss_errors": {
        "vi": "Tầng FC có {n} ô cần sửa.",
        "en": "The head has {n} cell(s) to fix.",
    },
    "error.calc_head_class": {
        "vi": "lớp đúng {y} không nằm trong {C} lớp",
        "en": "the true class {y} is not one of the {C} classes",
    },
    "error.calc_share_head_start": {
        "vi": "phần tầng FC của mã không bắt đầu như '~31_' (số lớp từ {lo} đến {hi}, "
        "rồi lớp đúng)",
        "en": "the head part of the code does not start like '~31_' (classes {lo}-{hi}, "
        "then the true class)",
    },
    "error.calc_share_head_class": {
        "vi": "lớp đúng {y} không nằm trong {C} lớp của mã",
        "en": "the code's true class {y} is not one of its {C} classes",
    },
    "error.calc_share_head_count": {
        "vi": "phần tầng FC của mã có {got} số, nhưng {C} lớp trên H={H} cần {need} số",
        "en": "the head part of the code has {got} numbers, {C} classes on H={H} need {need}",
    },
    "error.calc_share_head_number": {
        "vi": "số thứ {k} trong phần tầng FC của mã",
        "en": "number {k} of the code's head part",
    },
    "error.calc_share_head_kind": {
        "vi": "chỉ mã của một RNN mới có phần tầng FC",
        "en": "only an RNN's code carries a head",
    },
}
