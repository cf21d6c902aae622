"""The gradients page's words, in both languages (keys: "gradients.<name>", "error.gradients_*")."""

# Symbols of the lecture shown as they are: nothing here has a Vietnamese-only letter,
# but listing them says they are not interface words to translate.
KEPT: frozenset[str] = frozenset({"W_hh", "ρ(W_hh)", "act′", "clip_grad_norm_", "float64"})

_HEADER = {
    "gradients.title": {"vi": "📉 Gradient qua thời gian", "en": "📉 Gradients through time"},
    "gradients.caption": {
        "vi": "Slide 28: vì sao gradient của RNN biến mất hoặc bùng nổ, và LSTM giúp thế nào",
        "en": "Slide 28: why an RNN's gradients vanish or explode, and how the LSTM helps",
    },
    "gradients.intro": {
        "vi": "Khi lan truyền ngược qua thời gian (BPTT), gradient đi qua **cùng một phép nhân** "
        "ở mỗi bước. Nhân nhiều lần với một số nhỏ hơn 1 thì gradient **biến mất**; lớn hơn 1 "
        "thì gradient **bùng nổ**.",
        "en": "Backpropagation through time (BPTT) passes the gradient through **the same "
        "multiplication** at every step. Multiplied again and again by a number below 1, the "
        "gradient **vanishes**; above 1, it **explodes**.",
    },
}

_SCALAR = {
    "gradients.scalar.header": {"vi": "1. Hình ảnh vô hướng", "en": "1. The scalar view"},
    "gradients.scalar.preset_half": {"vi": "w = 0.5: biến mất", "en": "w = 0.5: vanishing"},
    "gradients.scalar.preset_double": {"vi": "w = 2: bùng nổ", "en": "w = 2: exploding"},
    "gradients.scalar.preset_help": {
        "vi": "Ví dụ của slide 28: input·{w}ⁿ",
        "en": "Slide 28's example: input·{w}ⁿ",
    },
    "gradients.scalar.w": {"vi": "Hệ số mỗi bước w", "en": "Per-step factor w"},
    "gradients.scalar.n": {
        "vi": "Số bước n (từ 0 đến {max})",
        "en": "Number of steps n (0 to {max})",
    },
    "gradients.scalar.x0": {
        "vi": "Gradient ban đầu (ở bước cuối)",
        "en": "Input (the gradient at the last step)",
    },
    "gradients.scalar.fix": {
        "vi": "Sửa giá trị bên trái để vẽ lại biểu đồ.",
        "en": "Fix the value on the left to redraw the chart.",
    },
    "gradients.scalar.zero_input": {
        "vi": "Gradient ban đầu bằng 0 thì mọi bước đều bằng 0.",
        "en": "An input of 0 stays 0 at every step.",
    },
    "gradients.scalar.x_title": {"vi": "n (số bước lùi)", "en": "n (steps back)"},
    "gradients.scalar.regime_stays": {"vi": ":gray[≈ giữ nguyên]", "en": ":gray[≈ stays]"},
    "gradients.scalar.regime_vanishes": {"vi": ":blue[▼ biến mất]", "en": ":blue[▼ vanishes]"},
    "gradients.scalar.regime_explodes": {"vi": ":red[▲ bùng nổ]", "en": ":red[▲ explodes]"},
    "gradients.scalar.overflow_from": {
        "vi": "Tràn float64 từ bước n =",
        "en": "Overflows float64 from n =",
    },
    "gradients.scalar.vanish_from": {
        "vi": "Dưới 1e-300 từ bước n =",
        "en": "Below 1e-300 from n =",
    },
    "gradients.scalar.negative_w": {
        "vi": "w < 0: dấu đổi sau mỗi bước; biểu đồ vẽ độ lớn |·|.",
        "en": "w < 0: the sign flips at every step; the chart plots the magnitude |·|.",
    },
}

_FIGURES = {
    "gradients.fig.y_title": {"vi": "độ lớn (thang log)", "en": "magnitude (log scale)"},
    "gradients.fig.vanished_trace": {
        "vi": "{name}: biến mất (< 1e-300)",
        "en": "{name}: vanished (< 1e-300)",
    },
    "gradients.fig.vanished_hover": {
        "vi": "biến mất: < 1e-300 (bằng 0 trong float64)",
        "en": "vanished: < 1e-300 (0 in float64)",
    },
    "gradients.fig.vanished_note": {
        "vi": "▼ {name}: biến mất ở {count} bước",
        "en": "▼ {name}: vanished at {count} steps",
    },
    "gradients.fig.exploded_trace": {
        "vi": "{name}: tràn số (inf/NaN)",
        "en": "{name}: exploded (inf/NaN)",
    },
    "gradients.fig.exploded_hover": {
        "vi": "tràn số: vượt 1.8e308 (inf/NaN)",
        "en": "exploded: past 1.8e308 (inf/NaN)",
    },
    "gradients.fig.exploded_note": {
        "vi": "💥 {name}: tràn số ở {count} bước",
        "en": "💥 {name}: exploded at {count} steps",
    },
    "gradients.fig.bptt_x_title": {
        "vi": "bước t (mất mát ở t = T)",
        "en": "time step t (the loss is at t = T)",
    },
    "gradients.fig.cell_curve": {
        "vi": "LSTM ‖∂L/∂c_t‖ (đường ô nhớ)",
        "en": "LSTM ‖∂L/∂c_t‖ (cell path)",
    },
    "gradients.fig.clipped_curve": {
        "vi": "{name} sau khi cắt (×{coef})",
        "en": "{name} clipped (×{coef})",
    },
    "gradients.fig.log_caption": {
        "vi": "Trục log không vẽ được số 0: gradient nhỏ hơn 1e-300 (kể cả đúng bằng 0) là dấu ▼ "
        "ở đáy; gradient tràn số (inf/NaN) là dấu ✕ ở đỉnh.",
        "en": "A log axis cannot show 0: gradients below 1e-300 (exactly 0 included) are ▼ at "
        "the bottom, overflowed ones (inf/NaN) ✕ at the top.",
    },
}

_BPTT = {
    "gradients.bptt.header": {
        "vi": "2. Lan truyền ngược thật qua thời gian",
        "en": "2. Real backpropagation through time",
    },
    "gradients.bptt.intro": {
        "vi": "Một RNN và một LSTM thật (float64) nhận cùng đầu vào; mất mát chỉ nằm ở bước "
        "cuối, L = Σ h_T. Lan truyền ngược qua thời gian cho **‖∂L/∂h_t‖ ở mọi bước t**. "
        "Các con số này do NumPy tính bằng float64, viết đúng theo chuỗi mà trang này giải "
        "thích: ∂L/∂h_(t−1) = W_hhᵀ diag(act′(a_t)) ∂L/∂h_t (với LSTM: qua các cổng và đường "
        "ô nhớ). Bộ kiểm thử đối chiếu chúng với autograd của PyTorch (`torch.nn.RNN`, "
        "`torch.nn.LSTM`), sai lệch tương đối không quá 1e-10.",
        "en": "A real RNN and LSTM (float64) read the same inputs; the loss sits at the last "
        "step only, L = Σ h_T. Backpropagation through time gives **‖∂L/∂h_t‖ at every step "
        "t**. NumPy computes these numbers in float64, written as the very chain this page "
        "explains: ∂L/∂h_(t−1) = W_hhᵀ diag(act′(a_t)) ∂L/∂h_t (for the LSTM: through the "
        "gates and the cell path). The tests hold them to PyTorch's autograd (`torch.nn.RNN`, "
        "`torch.nn.LSTM`) within a relative 1e-10.",
    },
    "gradients.bptt.preset_vanish": {
        "vi": "Biến mất (tanh, hệ số 1)",
        "en": "Vanishing (tanh, scale 1)",
    },
    "gradients.bptt.preset_explode": {
        "vi": "Bùng nổ (ReLU, hệ số 2)",
        "en": "Exploding (ReLU, scale 2)",
    },
    "gradients.bptt.preset_overflow": {
        "vi": "Tràn số (ReLU, hệ số 8, T = 500)",
        "en": "Overflow (ReLU, scale 8, T = 500)",
    },
    "gradients.bptt.computing": {"vi": "Đang tính…", "en": "Computing…"},
    "gradients.bptt.source": {"vi": "Mạng được dùng", "en": "Network to use"},
    "gradients.bptt.source_calculator": {
        "vi": "🧮 Ô {kind} của máy tính",
        "en": "🧮 The calculator's {kind} cell",
    },
    "gradients.bptt.source_random": {"vi": "🎲 Mạng ngẫu nhiên", "en": "🎲 A random network"},
    "gradients.bptt.handoff_info": {
        "vi": "Cùng trọng số với máy tính (H = {H}, I = {I}), chạy qua nhiều bước. {kind} là ô "
        "của bạn; {other} là một mạng ngẫu nhiên cùng kích thước để so sánh.",
        "en": "The same weights as on the calculator (H = {H}, I = {I}), run for many steps. "
        "The {kind} is your cell; the {other} is a random network of the same size, for "
        "comparison.",
    },
    "gradients.bptt.cell_inputs": {"vi": "Đầu vào", "en": "Inputs"},
    "gradients.bptt.cell_inputs_calculator": {
        "vi": "Đầu vào của máy tính, lặp lại",
        "en": "The calculator's inputs, repeated",
    },
    "gradients.bptt.cell_inputs_random": {
        "vi": "Ngẫu nhiên N(0, 1)",
        "en": "Random N(0, 1)",
    },
    "gradients.bptt.inputs_changed": {
        "vi": "Trang này đã đổi đầu vào: lặp lại đầu vào của máy tính đến T = {T} bước làm |c_t| "
        "của ô LSTM lên tới {c}, nơi tanh(c_t) đã phẳng, nên gần như không có gradient nào đi "
        "được giữa h và c và phép so sánh không còn ý nghĩa. Vì vậy cùng trọng số đó nhận đầu "
        'vào ngẫu nhiên N(0, 1); chọn "{calculator}" để xem trường hợp bão hoà.',
        "en": "This page changed the inputs: the calculator's inputs repeated to T = {T} steps "
        "drive the LSTM cell's |c_t| to {c}, where tanh(c_t) is flat, so almost no gradient "
        "passes between h and c and the comparison says nothing. So the same weights get random "
        'N(0, 1) inputs; choose "{calculator}" to see the saturated case.',
    },
    "gradients.bptt.hidden": {
        "vi": "Kích thước ẩn H (từ 1 đến {max})",
        "en": "Hidden size H (1 to {max})",
    },
    "gradients.bptt.hidden_cell": {
        "vi": "Kích thước ẩn H (của ô)",
        "en": "Hidden size H (the cell's)",
    },
    "gradients.bptt.hidden_cell_help": {
        "vi": "H của ô máy tính; mạng so sánh có cùng kích thước.",
        "en": "The calculator cell's H; the network it is compared with has the same size.",
    },
    "gradients.bptt.length": {
        "vi": "Độ dài chuỗi T (từ 1 đến {max})",
        "en": "Sequence length T (1 to {max})",
    },
    "gradients.bptt.seed": {
        "vi": "Hạt giống ngẫu nhiên (từ 0 đến {max})",
        "en": "Random seed (0 to {max})",
    },
    "gradients.bptt.activation": {"vi": "Hàm kích hoạt của RNN", "en": "RNN activation"},
    "gradients.bptt.activation_cell": {
        "vi": "Hàm kích hoạt của ô: **{act}**",
        "en": "The cell's activation: **{act}**",
    },
    "gradients.bptt.scale": {
        "vi": "Hệ số trọng số hồi quy",
        "en": "Recurrent weight scale",
    },
    "gradients.bptt.scale_help": {
        "vi": "W_hh ngẫu nhiên, được co giãn để bán kính phổ ρ(W_hh) đúng bằng hệ số này (W_h "
        "của từng cổng LSTM cũng vậy).",
        "en": "A random W_hh rescaled so that its spectral radius ρ(W_hh) is exactly this scale "
        "(each LSTM gate's W_h too).",
    },
    "gradients.bptt.forget": {
        "vi": "Bias cổng quên b_f của LSTM",
        "en": "LSTM forget-gate bias b_f",
    },
    "gradients.bptt.forget_help": {
        "vi": "f = σ(… + b_f): b_f lớn thì f gần 1, ô nhớ giữ thông tin lâu.",
        "en": "f = σ(… + b_f): a large b_f keeps f near 1, so the cell remembers for long.",
    },
    "gradients.bptt.forget_cell": {
        "vi": "Bias cổng quên của ô, b_if + b_hf: **{values}**",
        "en": "The cell's forget bias b_if + b_hf: **{values}**",
    },
    "gradients.bptt.clip": {"vi": "Cắt gradient", "en": "Clip gradients"},
    "gradients.bptt.clip_help": {
        "vi": "Như torch.nn.utils.clip_grad_norm_: thu nhỏ gradient của trọng số khi chuẩn của "
        "nó vượt ngưỡng.",
        "en": "Like torch.nn.utils.clip_grad_norm_: scale the weights' gradient down when its "
        "norm passes the limit.",
    },
    "gradients.bptt.max_norm": {"vi": "Chuẩn tối đa (> 0)", "en": "Max norm (> 0)"},
    "gradients.bptt.nothing_yet": {
        "vi": "Chưa vẽ được: sửa ô báo đỏ ở trên, biểu đồ sẽ hiện lại.",
        "en": "Nothing to draw yet: fix the field marked in red above and the chart comes back.",
    },
    "gradients.bptt.rho": {
        "vi": "ρ(W_hh) = **{rho}** (bán kính phổ), ‖W_hh‖₂ = {sigma}",
        "en": "ρ(W_hh) = **{rho}** (spectral radius), ‖W_hh‖₂ = {sigma}",
    },
    "gradients.bptt.rho_cell": {
        "vi": "ρ(W_hh) = **{rho}** (bán kính phổ), ‖W_hh‖₂ = {sigma} của ô máy tính; hệ số chỉ "
        "dùng cho LSTM ngẫu nhiên",
        "en": "ρ(W_hh) = **{rho}** (spectral radius), ‖W_hh‖₂ = {sigma} of the calculator's "
        "cell; the scale only sets the random LSTM",
    },
    "gradients.bptt.inputs_calculator": {
        "vi": "Đầu vào: {steps} bước của máy tính, lặp lại đến T = {T}.",
        "en": "Inputs: the calculator's {steps} step(s), repeated to T = {T}.",
    },
    "gradients.bptt.inputs_random": {
        "vi": "Đầu vào: ngẫu nhiên N(0, 1), hạt giống {seed}, kích thước {I}, chung cho hai mạng.",
        "en": "Inputs: random N(0, 1), seed {seed}, size {I}, the same for both networks.",
    },
    "gradients.bptt.note_rnn_forward_overflow": {
        "vi": "Trạng thái ẩn của RNN tự nó đã tràn số (vượt 1.8e308) ở lượt xuôi, từ t = {t}; "
        "vì vậy một phần gradient của nó là inf/NaN.",
        "en": "The RNN's hidden state itself overflowed (past 1.8e308) on the forward pass, "
        "from t = {t}; so some of its gradients are inf/NaN.",
    },
    "gradients.bptt.note_lstm_forward_overflow": {
        "vi": "Trạng thái của LSTM đã tràn số ở lượt xuôi, từ t = {t}.",
        "en": "The LSTM's state overflowed on the forward pass, from t = {t}.",
    },
    "gradients.bptt.span_rnn": {
        "vi": "RNN: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖",
        "en": "RNN: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖",
    },
    "gradients.bptt.span_lstm": {
        "vi": "LSTM: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖",
        "en": "LSTM: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖",
    },
    "gradients.bptt.span_cell": {
        "vi": "LSTM, ô nhớ: ‖∂L/∂c_1‖ / ‖∂L/∂c_T‖",
        "en": "LSTM, cell: ‖∂L/∂c_1‖ / ‖∂L/∂c_T‖",
    },
    "gradients.verdict.overflow": {"vi": ":red[💥 tràn số]", "en": ":red[💥 overflowed]"},
    "gradients.verdict.zero_last": {
        "vi": ":gray[ở t = T gradient đúng bằng 0 (tanh bão hoà)]",
        "en": ":gray[exactly 0 at t = T (tanh saturated)]",
    },
    "gradients.verdict.zero": {
        "vi": ":blue[▼ biến mất: đúng bằng 0 trong float64]",
        "en": ":blue[▼ vanished to exactly 0 in float64]",
    },
    "gradients.verdict.vanishing": {"vi": ":blue[▼ biến mất]", "en": ":blue[▼ vanishing]"},
    "gradients.verdict.exploding": {"vi": ":red[▲ bùng nổ]", "en": ":red[▲ exploding]"},
    "gradients.verdict.kept": {"vi": ":green[≈ giữ được]", "en": ":green[≈ kept]"},
}

_WHY = {
    "gradients.why.header": {"vi": "Vì sao?", "en": "Why?"},
    "gradients.why.cell_mark": {"vi": " (ô máy tính)", "en": " (the calculator's cell)"},
    "gradients.why.rnn": {
        "vi": "**RNN{mark}**: lùi một bước, gradient được nhân với **W_hhᵀ · diag(act′(a_t))**.  \n"
        "ρ(W_hh) = {rho}, ‖W_hh‖₂ = {sigma}, act′ trung bình = {act}.",
        "en": "**RNN{mark}**: one step back multiplies the gradient by "
        "**W_hhᵀ · diag(act′(a_t))**.  \nρ(W_hh) = {rho}, ‖W_hh‖₂ = {sigma}, mean act′ = {act}.",
    },
    "gradients.why.rnn_factor": {
        "vi": "Trung bình mỗi bước, chuỗi nhân với ≈ **{factor}**: đó là w của phần 1.",
        "en": "Per step the chain scales by about **{factor}**: the scalar view's w.",
    },
    "gradients.why.rnn_factor_undefined": {
        "vi": "Chuỗi không xác định: trạng thái ẩn tràn số từ t = {t}, nên act′(a_t) không còn "
        "xác định từ bước đó. Gradient thật vẫn hữu hạn vì lan truyền ngược cho gradient đi qua "
        "đơn vị ReLU có a_t = NaN mà không đổi (như autograd của PyTorch).",
        "en": "The chain is undefined: the hidden state overflowed from t = {t}, so act′(a_t) is "
        "undefined from that step on. The real gradient stays finite because backpropagation "
        "passes the gradient through a ReLU unit whose a_t is NaN unchanged (as PyTorch's "
        "autograd does).",
    },
    "gradients.why.rnn_no_step": {
        "vi": "T = 1: không có bước nào để lùi.",
        "en": "T = 1: no earlier step to go back through.",
    },
    "gradients.why.rnn_caption": {
        "vi": "ρ^k là điều W_hh một mình làm sau k bước; act′ < 1 (tanh bão hoà, ReLU tắt) kéo "
        "chuỗi xuống thấp hơn. Cột cuối là gradient thật, không bao giờ vượt chuỗi.",
        "en": "ρ^k is what W_hh alone does over k steps; act′ < 1 (saturated tanh, dead ReLU) "
        "pulls the chain below it. The last column is the real gradient, never above the chain.",
    },
    "gradients.why.overflow_mark": {
        "vi": "Hàng có ⚠: bước T − k nằm sau chỗ trạng thái ẩn tràn số (t = {t}).",
        "en": "Rows marked ⚠: step T − k comes after the hidden state overflowed (t = {t}).",
    },
    "gradients.why.lstm": {
        "vi": "**LSTM{mark}**: trên đường ô nhớ, c_t = f_t ⊙ c_(t-1) + …, nên ∂c_T/∂c_(T-k) là "
        "**tích các cổng quên** f.  \nf trung bình = {mean}; mỗi bước ≈ **{factor}**.",
        "en": "**LSTM{mark}**: along the cell path c_t = f_t ⊙ c_(t-1) + …, so ∂c_T/∂c_(T-k) is "
        "the **product of the forget gates** f.  \nMean f = {mean}; per step about "
        "**{factor}**.",
    },
    "gradients.why.lstm_loss_saturated_cell": {
        "vi": "Ở đây LSTM thua vì ô nhớ bão hoà: |c_t| lên tới {c}, nên tanh′(c_t) trung bình chỉ "
        "còn {d} và gradient gần như không đi được giữa h và c.",
        "en": "Here the LSTM loses because its cell saturates: |c_t| reaches {c}, so tanh′(c_t) "
        "averages only {d} and almost no gradient passes between h and c.",
    },
    "gradients.why.lstm_loss_forget_gates": {
        "vi": "Ở đây LSTM thua vì cổng quên trung bình chỉ f ≈ {f}: mỗi bước lùi, đường ô nhớ "
        "nhân gradient với khoảng {f}, như w < 1 ở phần 1.",
        "en": "Here the LSTM loses because its forget gates average only f ≈ {f}: each step back, "
        "the cell path multiplies the gradient by about {f}, like w < 1 in part 1.",
    },
    "gradients.why.lstm_loss_other_gates": {
        "vi": "Ở đây LSTM thua dù cổng quên gần 1 (f ≈ {f}): cổng vào và cổng ra đóng bớt đường "
        "đi của gradient qua h.",
        "en": "Here the LSTM loses although its forget gates stay near 1 (f ≈ {f}): its input and "
        "output gates close off the gradient's way through h.",
    },
    "gradients.why.col_k": {"vi": "k (số bước lùi)", "en": "k (steps back)"},
    "gradients.why.col_forget_mean": {"vi": "∏ f (đơn vị trung bình)", "en": "∏ f (mean unit)"},
    "gradients.why.col_forget_max": {
        "vi": "∏ f (đơn vị nhớ lâu nhất)",
        "en": "∏ f (best-remembering unit)",
    },
    "gradients.clip.header": {
        "vi": "**Cắt gradient theo chuẩn** (như `clip_grad_norm_`)",
        "en": "**Clipping by norm** (like `clip_grad_norm_`)",
    },
    "gradients.clip.cannot_repair": {
        "vi": "{name}: gradient đã là inf/NaN, cắt không cứu được. Hãy bỏ qua lần cập nhật này "
        "hoặc giảm hệ số trọng số.",
        "en": "{name}: the gradient already overflowed; clipping cannot rescale inf/NaN. Skip "
        "this update or lower the weight scale.",
    },
    "gradients.clip.clipped": {
        "vi": "{name}: ‖∂L/∂θ‖ = {before} → {after} (× {coef}). Cả đường cong dịch xuống, hình "
        "dạng giữ nguyên: bước cập nhật bị giới hạn.",
        "en": "{name}: ‖∂L/∂θ‖ = {before} → {after} (× {coef}). The whole curve shifts down, "
        "same shape: the update size is capped.",
    },
    "gradients.clip.not_needed": {
        "vi": "{name}: ‖∂L/∂θ‖ = {before} ≤ {max_norm}, không cần cắt.",
        "en": "{name}: ‖∂L/∂θ‖ = {before} ≤ {max_norm}, nothing to clip.",
    },
    "gradients.clip.caption": {
        "vi": "Cắt gradient chữa được bùng nổ, không chữa được biến mất.",
        "en": "Clipping tames exploding gradients; it cannot bring back a vanished one.",
    },
}

_NUMBERS = {
    "gradients.num.overflow": {"vi": "tràn số", "en": "overflow"},
    "gradients.num.inf": {"vi": "∞ (tràn số)", "en": "∞ (overflow)"},
    "gradients.num.exact_zero": {"vi": "0 (đúng bằng 0)", "en": "0 (exactly 0)"},
    "gradients.num.undefined": {"vi": "không xác định", "en": "undefined"},
}

_FIELDS = {
    "gradients.field.cell_inputs": {"vi": "Nguồn đầu vào", "en": "The inputs' source"},
    "gradients.field.x0": {"vi": "Gradient ban đầu", "en": "The input"},
    "gradients.field.w": {"vi": "Hệ số w", "en": "The factor w"},
    "gradients.field.n": {"vi": "Số bước n", "en": "The number of steps n"},
    "gradients.field.hidden_size": {"vi": "Kích thước ẩn H", "en": "The hidden size H"},
    "gradients.field.seq_len": {"vi": "Độ dài chuỗi T", "en": "The sequence length T"},
    "gradients.field.seed": {"vi": "Hạt giống ngẫu nhiên", "en": "The random seed"},
    "gradients.field.activation": {"vi": "Hàm kích hoạt", "en": "The activation"},
    "gradients.field.weight_scale": {"vi": "Hệ số trọng số", "en": "The weight scale"},
    "gradients.field.forget_bias": {"vi": "Bias cổng quên", "en": "The forget-gate bias"},
    "gradients.field.max_norm": {"vi": "Chuẩn tối đa", "en": "The max norm"},
    "gradients.field.cell": {"vi": "Ô từ máy tính", "en": "The calculator's cell"},
}

_ERRORS = {
    "error.gradients_handoff_malformed": {
        "vi": "Dữ liệu gửi từ máy tính không đúng dạng; trang dùng mạng ngẫu nhiên thay thế.",
        "en": "The calculator's hand-off is malformed; using a random network instead.",
    },
    "error.gradients_bad_input": {
        "vi": "Chưa tính được: sửa các ô báo đỏ.",
        "en": "Nothing computed yet: fix the fields marked in red.",
    },
    "error.gradients_out_of_range": {
        "vi": "{field} phải từ {lo} đến {hi}; {got} nằm ngoài khoảng đó.",
        "en": "{field} must be from {lo} to {hi}; {got} is outside that range.",
    },
    "error.gradients_not_integer": {
        "vi": "{field} phải là số nguyên từ {lo} đến {hi}; {got} không phải số nguyên.",
        "en": "{field} must be a whole number from {lo} to {hi}; {got} is not one.",
    },
    "error.gradients_not_finite": {
        "vi": "{field} phải là số hữu hạn, không phải inf hay NaN.",
        "en": "{field} must be a finite number, not inf or NaN.",
    },
    "error.gradients_negative": {
        "vi": "{field} phải lớn hơn hoặc bằng {lo}; {got} thì âm.",
        "en": "{field} must be {lo} or more; {got} is negative.",
    },
    "error.gradients_not_positive": {
        "vi": "{field} phải lớn hơn {lo}; {got} thì không.",
        "en": "{field} must be greater than {lo}; {got} is not.",
    },
    "error.gradients_not_one_of": {
        "vi": "{field} phải là một trong: {detail}.",
        "en": "{field} must be one of: {detail}.",
    },
    "error.gradients_cell_kind": {
        "vi": "Máy tính gửi một loại ô không rõ ({detail}); cần rnn hoặc lstm.",
        "en": "The calculator sent an unknown cell kind ({detail}); expected rnn or lstm.",
    },
    "error.gradients_cell_params": {
        "vi": "Ô này cần trọng số dạng {detail}; hãy gửi lại từ trang máy tính.",
        "en": "This cell needs {detail} weights; send it again from the calculator page.",
    },
    "error.gradients_cell_not_finite": {
        "vi": "Trọng số từ máy tính có giá trị không hữu hạn (inf hoặc NaN); hãy sửa chúng ở "
        "trang máy tính.",
        "en": "The calculator's weights contain inf or NaN; fix them on the calculator page.",
    },
    "error.gradients_cell_hidden_range": {
        "vi": "Ô từ máy tính có H = {got}; trang này nhận H từ {lo} đến {hi}.",
        "en": "The calculator's cell has H = {got}; this page takes H from {lo} to {hi}.",
    },
    "error.gradients_cell_inputs_shape": {
        "vi": "Đầu vào từ máy tính có dạng {got}; cần dạng {detail}.",
        "en": "The calculator's inputs have shape {got}; they must be {detail}.",
    },
    "error.gradients_cell_inputs_not_finite": {
        "vi": "Đầu vào từ máy tính có inf hoặc NaN; hãy sửa chúng ở trang máy tính.",
        "en": "The calculator's inputs contain inf or NaN; fix them on the calculator page.",
    },
}

STRINGS: dict[str, dict[str, str]] = {
    **_HEADER,
    **_SCALAR,
    **_FIGURES,
    **_BPTT,
    **_WHY,
    **_NUMBERS,
    **_FIELDS,
    **_ERRORS,
}
