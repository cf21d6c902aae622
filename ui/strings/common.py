"""Words every page shares: the site, its navigation, the language switch, errors."""

# The lecture's own names for things: shown the same in both languages.
KEPT: frozenset[str] = frozenset(
    {
        "LSTM",
        "RNN",
        "LSTM Lab",
        "AI VIETNAM",
        "Introduction to LSTM",
        "NTC-SCV",
        "ONNX",
        "onnxruntime",
        "PyTorch",
        "σ",
        "tanh",
        "ReLU",
        "softmax",
        "BPTT",
        "langid",
    }
)

STRINGS: dict[str, dict[str, str]] = {
    "common.lang_label": {"vi": "Ngôn ngữ", "en": "Language"},
    "nav.home": {"vi": "Trang chủ", "en": "Home"},
    "nav.calculator": {"vi": "Máy tính RNN/LSTM", "en": "RNN/LSTM calculator"},
    "nav.gradients": {"vi": "Gradient qua thời gian", "en": "Gradients through time"},
    "nav.sentiment": {"vi": "Phân tích cảm xúc", "en": "Sentiment analysis"},
    "common.page_error": {
        "vi": "Trang này gặp lỗi không mong muốn và đã dừng lại. Hãy tải lại trang; "
        "nếu lỗi lặp lại, hãy báo cho giảng viên. ({kind})",
        "en": "This page hit an unexpected error and stopped. Reload the page; "
        "if it happens again, please report it. ({kind})",
    },
}
