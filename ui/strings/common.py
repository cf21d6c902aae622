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
    "home.intro": {
        "vi": "Bài giảng **Introduction to LSTM** (AI VIETNAM) thành những thứ bạn chạm vào "
        "được: tự tính từng cổng, xem gradient biến mất hay bùng nổ, và thử một mô hình "
        "học trên bình luận nhà hàng.",
        "en": "The AI VIETNAM lecture **Introduction to LSTM**, made hands-on: compute every "
        "gate, watch gradients vanish or explode, and try a model trained on restaurant reviews.",
    },
    "home.calculator.title": {"vi": "Máy tính RNN/LSTM", "en": "RNN/LSTM calculator"},
    "home.calculator.slides": {
        "vi": "Slide 10-14 (RNN) · 43-50 (LSTM)",
        "en": "Slides 10-14 (RNN) · 43-50 (LSTM)",
    },
    "home.calculator.body": {
        "vi": "Mọi con số trung gian trong các ví dụ của slide; sửa trọng số và xem từng cổng "
        "được tính lại.",
        "en": "Every intermediate number of the slides' worked examples; edit the weights and "
        "watch each gate recompute.",
    },
    "home.calculator.link": {"vi": "Mở máy tính", "en": "Open the calculator"},
    "home.gradients.title": {"vi": "Gradient qua thời gian", "en": "Gradients through time"},
    "home.gradients.slides": {
        "vi": "Slide 28 · gradient biến mất và bùng nổ",
        "en": "Slide 28 · vanishing and exploding gradients",
    },
    "home.gradients.body": {
        "vi": "Vì sao gradient nhân 0,5 mỗi bước thì biến mất, nhân 2 thì bùng nổ; rồi lan "
        "truyền ngược qua thời gian thật sự trong một RNN và một LSTM.",
        "en": "Why a gradient scaled by 0.5 at every step vanishes and by 2 explodes, then "
        "real backpropagation through time in an RNN and an LSTM.",
    },
    "home.gradients.link": {"vi": "Mở trình khám phá", "en": "Open the explorer"},
    "home.race.title": {"vi": "Đua RNN và LSTM", "en": "RNN vs LSTM race"},
    "home.race.slides": {
        "vi": "Hệ quả của slide 28 · huấn luyện trực tiếp",
        "en": "What slide 28 means · live training",
    },
    "home.race.body": {
        "vi": "Một RNN và một LSTM cùng học nhớ ký hiệu đầu tiên của một chuỗi dài: xem "
        "đường cong của chúng tách nhau ngay khi huấn luyện.",
        "en": "An RNN and an LSTM learn to remember the first symbol of a long sequence: "
        "watch their curves part while they train.",
    },
    "home.race.link": {"vi": "Bắt đầu cuộc đua", "en": "Start the race"},
    "home.sentiment.title": {"vi": "Phân tích cảm xúc", "en": "Sentiment analysis"},
    "home.sentiment.slides": {
        "vi": "Slide 21-27 · bình luận nhà hàng NTC-SCV",
        "en": "Slides 21-27 · NTC-SCV restaurant reviews",
    },
    "home.sentiment.body": {
        "vi": "Dán một bình luận tiếng Việt: nhận diện ngôn ngữ, từng bước làm sạch, các token "
        "và kết luận của một mô hình LSTM kèm túi cụm từ, huấn luyện tại đây.",
        "en": "Paste a Vietnamese review: language detection, each cleaning step, the tokens, "
        "and the verdict of a model trained here (an LSTM with a phrase bag).",
    },
    "home.sentiment.link": {"vi": "Thử mô hình", "en": "Try the model"},
    "home.map.title": {"vi": "Bài giảng nằm ở đâu", "en": "Where the lecture lives"},
    "home.map.caption": {
        "vi": "Mỗi nhóm slide và trang cho bạn tự tay thử nó.",
        "en": "Each group of slides, and the page that lets you try it yourself.",
    },
    "home.map.link": {"vi": "Slide {slides} · {topic}", "en": "Slides {slides} · {topic}"},
    "map.language_models": {
        "vi": "Mô hình ngôn ngữ: đếm N-gram, rồi một LSTM đoán từ tiếp theo",
        "en": "Language models: N-gram counts, then an LSTM guessing the next word",
    },
    "map.generation_loss": {
        "vi": "Hàm mất mát khi sinh văn bản: một cross-entropy mỗi bước",
        "en": "The generation loss: one cross-entropy per step",
    },
    "map.bag": {
        "vi": "Phân loại bằng Embedding + Flatten và EmbeddingBag: túi từ hay chuỗi",
        "en": "Classifying with Embedding + Flatten and EmbeddingBag: bag or sequence",
    },
    "map.rnn_steps": {
        "vi": "RNN tính từng bước bằng tay (h1, h2, h3)",
        "en": "The RNN worked step by step by hand (h1, h2, h3)",
    },
    "map.rnn_loss": {
        "vi": "Hàm mất mát cho phân loại: FC, softmax, cross-entropy",
        "en": "The classification loss: FC, softmax, cross-entropy",
    },
    "map.sentiment": {
        "vi": "Phân loại bình luận NTC-SCV: làm sạch, token, mô hình",
        "en": "Classifying NTC-SCV reviews: cleaning, tokens, the model",
    },
    "map.gradients": {
        "vi": "Gradient biến mất và bùng nổ qua thời gian",
        "en": "Vanishing and exploding gradients through time",
    },
    "map.rnn_to_lstm": {
        "vi": "σ, tanh và LSTM dựng lên từ RNN từng phần một",
        "en": "σ, tanh, and the LSTM built from an RNN one part at a time",
    },
    "map.lstm_example": {
        "vi": "Các cổng của LSTM và ví dụ tính tay",
        "en": "The LSTM's gates and the worked example",
    },
}
