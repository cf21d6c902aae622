"""The training race page's words, in both languages (keys: "race.<name>", "error.race_*")."""

# The task's and the optimiser's names as the lecture and PyTorch write them.
KEPT: frozenset[str] = frozenset({"Adam", "T", "H"})

STRINGS: dict[str, dict[str, str]] = {
    "nav.race": {"vi": "Cuộc đua huấn luyện", "en": "Training race"},
    "race.title": {"vi": "🏁 Cuộc đua: RNN và LSTM", "en": "🏁 The race: RNN vs LSTM"},
    "race.caption": {
        "vi": "Hệ quả của slide 28: gradient biến mất thì RNN không học được điều xảy ra lâu "
        "trước đó",
        "en": "The consequence of slide 28: when the gradient vanishes, an RNN cannot learn "
        "what happened long before",
    },
    "race.intro": {
        "vi": "Một RNN và một LSTM cùng kích thước học cùng một việc: **nhắc lại ký hiệu ở bước "
        "đầu tiên** sau T bước nhiễu. Đáp án chỉ phụ thuộc vào đầu vào cách T − 1 bước, nên "
        "gradient dạy nó phải đi ngược suốt chuỗi. Cả hai được huấn luyện bằng lan truyền "
        "ngược qua thời gian viết bằng NumPy (đã đối chiếu với autograd của PyTorch) và Adam, "
        "với hạt giống cố định: cùng cài đặt cho cùng kết quả.",
        "en": "An RNN and an LSTM of the same size learn the same job: **repeat the symbol shown "
        "at the first step** after T steps of noise. The answer depends only on an input T − 1 "
        "steps back, so the gradient that teaches it must travel the whole sequence. Both train "
        "with the NumPy backpropagation through time (checked against PyTorch's autograd) and "
        "Adam, from fixed seeds: the same settings give the same run.",
    },
    "race.preset_long": {"vi": "T dài (RNN thất bại)", "en": "Long T (RNN fails)"},
    "race.preset_short": {"vi": "T ngắn (cả hai học được)", "en": "Short T (both learn)"},
    "race.preset_help": {
        "vi": "Đặt T = {T}, H = {H}, tốc độ học {lr}, {steps} bước.",
        "en": "Sets T = {T}, H = {H}, learning rate {lr}, {steps} steps.",
    },
    "race.T": {"vi": "Độ dài chuỗi T ({low}–{high})", "en": "Sequence length T ({low}–{high})"},
    "race.hidden": {"vi": "Kích thước ẩn H ({low}–{high})", "en": "Hidden size H ({low}–{high})"},
    "race.lr": {"vi": "Tốc độ học ({low}–{high})", "en": "Learning rate ({low}–{high})"},
    "race.more": {"vi": "Thêm cài đặt", "en": "More settings"},
    "race.steps": {
        "vi": "Số bước huấn luyện ({low}–{high})",
        "en": "Training steps ({low}–{high})",
    },
    "race.seed": {"vi": "Hạt giống ({low}–{high})", "en": "Seed ({low}–{high})"},
    "race.field.T": {"vi": "Độ dài chuỗi T", "en": "Sequence length T"},
    "race.field.hidden_size": {"vi": "Kích thước ẩn H", "en": "Hidden size H"},
    "race.field.learning_rate": {"vi": "Tốc độ học", "en": "Learning rate"},
    "race.field.steps": {"vi": "Số bước huấn luyện", "en": "Training steps"},
    "race.field.seed": {"vi": "Hạt giống", "en": "Seed"},
    "race.start": {"vi": "▶ Bắt đầu", "en": "▶ Start"},
    "race.stop": {"vi": "⏹ Dừng", "en": "⏹ Stop"},
    "race.ready": {
        "vi": "Bấm **▶ Bắt đầu**: các đường cong sẽ hiện ra trong lúc hai mô hình học.",
        "en": "Press **▶ Start**: the curves draw while the two models learn.",
    },
    "race.progress": {"vi": "Bước {step}/{steps}", "en": "Step {step}/{steps}"},
    "race.fig.loss_title": {"vi": "Mất mát khi huấn luyện", "en": "Training loss"},
    "race.fig.loss_y": {"vi": "entropy chéo", "en": "cross-entropy"},
    "race.fig.acc_title": {"vi": "Độ chính xác trên tập kiểm tra", "en": "Held-out accuracy"},
    "race.fig.acc_y": {"vi": "độ chính xác", "en": "accuracy"},
    "race.fig.step": {"vi": "bước huấn luyện", "en": "training step"},
    "race.fig.chance": {"vi": "đoán mò", "en": "guessing"},
    "race.verdict": {
        "vi": "Sau {step}/{steps} bước với T = {T}: {rnn}, còn {lstm}.",
        "en": "After {step} of {steps} steps at T = {T}: {rnn}, while {lstm}.",
    },
    "race.state_learned": {
        "vi": "{model} đã học được ({acc})",
        "en": "the {model} has learned ({acc})",
    },
    "race.state_partial": {
        "vi": "{model} mới học được một phần ({acc})",
        "en": "the {model} has learned part of it ({acc})",
    },
    "race.state_chance": {
        "vi": "{model} vẫn chỉ đoán mò ({acc}, đoán mò là {chance})",
        "en": "the {model} is still guessing ({acc}; guessing gives {chance})",
    },
    "race.reach": {
        "vi": "Phần gradient về tới bước 1 (‖∂L/∂h_1‖ / ‖∂L/∂h_T‖) ở bước cuối: "
        "RNN {rnn}, LSTM {lstm}.",
        "en": "Share of the gradient that reaches step 1 (‖∂L/∂h_1‖ / ‖∂L/∂h_T‖) at the last "
        "step: RNN {rnn}, LSTM {lstm}.",
    },
    "race.reach_none": {"vi": "không xác định", "en": "undefined"},
    "race.stopped": {
        "vi": "Đã dừng ở bước {step}. Bấm **▶ Bắt đầu** để chạy lại từ đầu.",
        "en": "Stopped at step {step}. Press **▶ Start** to run again from the beginning.",
    },
    "race.fix": {
        "vi": "Sửa cài đặt trên để bắt đầu cuộc đua.",
        "en": "Fix the setting above to start the race.",
    },
    "error.race_out_of_range": {
        "vi": "{field} phải nằm trong khoảng {low}–{high} (bạn nhập {value}).",
        "en": "{field} must be between {low} and {high} (you entered {value}).",
    },
    "error.race_activation": {
        "vi": "Hàm kích hoạt của RNN phải là tanh hoặc ReLU.",
        "en": "The RNN's activation must be tanh or ReLU.",
    },
}
