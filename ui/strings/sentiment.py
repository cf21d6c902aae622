"""The sentiment page's words, in both languages (keys: "sentiment.<name>", "error.<code>").

Review texts (the slide-21 examples, what a visitor types) are quoted, never translated:
they live in core.sentiment.review.EXAMPLES, not here.
"""

KEPT: frozenset[str] = frozenset({"P(positive)", "ΔP", "<unk>", "foody.vn", "n-gram"})

_V, _E = "vi", "en"

STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ the page
    "sentiment.title": {_V: "💬 Phân tích cảm xúc", _E: "💬 Sentiment analysis"},
    "sentiment.caption": {
        _V: "Slide 21-27 · một LSTM thật, huấn luyện trên bình luận nhà hàng NTC-SCV, "
        "chạy bằng onnxruntime",
        _E: "Slides 21-27 · a real LSTM trained on NTC-SCV restaurant reviews, "
        "run with onnxruntime",
    },
    "sentiment.loading": {_V: "Đang nạp mô hình…", _E: "Loading the model…"},
    "sentiment.unavailable": {
        _V: "Chưa có mô hình, nên trang này tạm dừng (các trang khác vẫn chạy).",
        _E: "The model is not available, so this page stops here (the other pages still work).",
    },
    "sentiment.mode": {_V: "Chế độ", _E: "Mode"},
    "sentiment.mode.one": {_V: "✍️ Một bình luận", _E: "✍️ One review"},
    "sentiment.mode.many": {_V: "📚 Nhiều bình luận", _E: "📚 Many reviews"},
    # ------------------------------------------------------------ one review
    "sentiment.examples": {_V: "Ví dụ", _E: "Examples"},
    "sentiment.example.pos1": {_V: "👍 Slide 21 · tích cực 1", _E: "👍 Slide 21 · positive 1"},
    "sentiment.example.pos2": {_V: "👍 Slide 21 · tích cực 2", _E: "👍 Slide 21 · positive 2"},
    "sentiment.example.neg1": {_V: "👎 Slide 21 · tiêu cực 1", _E: "👎 Slide 21 · negative 1"},
    "sentiment.example.neg2": {_V: "👎 Slide 21 · tiêu cực 2", _E: "👎 Slide 21 · negative 2"},
    "sentiment.example.no_diacritics": {_V: "⌨️ Không dấu", _E: "⌨️ No diacritics"},
    "sentiment.example.english": {_V: "🇬🇧 Tiếng Anh", _E: "🇬🇧 English"},
    "sentiment.review": {_V: "Bình luận", _E: "Review"},
    "sentiment.review_help": {
        _V: "Tiếng Việt, có dấu hoặc không. Tối đa {limit:,} ký tự được phân tích.",
        _E: "Vietnamese, with or without diacritics. At most {limit:,} characters are analysed.",
    },
    "sentiment.ask": {
        _V: "Hãy nhập một bình luận hoặc chọn một ví dụ ở trên.",
        _E: "Type a review or pick an example above.",
    },
    "sentiment.cut": {
        _V: "Bình luận dài {chars:,} ký tự; chỉ {limit:,} ký tự đầu được phân tích (bỏ {cut:,}).",
        _E: "The review is {chars:,} characters long; only the first {limit:,} are analysed "
        "({cut:,} left out).",
    },
    "sentiment.nothing_left": {
        _V: "Sau khi làm sạch không còn từ nào để phân loại (chỉ có emoji, số, dấu câu hoặc "
        "đường link?). Xem các bước làm sạch bên dưới.",
        _E: "Nothing is left to classify after cleaning (only emoji, digits, punctuation or "
        "links?). See the cleaning steps below.",
    },
    "sentiment.label.positive": {_V: "tích cực", _E: "positive"},
    "sentiment.label.negative": {_V: "tiêu cực", _E: "negative"},
    "sentiment.label.none": {_V: "không phân loại", _E: "not classified"},
    "sentiment.tokens_read": {_V: "Token đã đọc", _E: "Tokens read"},
    "sentiment.server_time": {
        _V: "Máy chủ tính toàn bộ phần phân tích này (ngôn ngữ, làm sạch, dự đoán, giải "
        "thích, các cổng) trong {ms:.0f} ms",
        _E: "The server computed this whole analysis (language, cleaning, verdict, "
        "explanation, gates) in {ms:.0f} ms",
    },
    "sentiment.h.language": {_V: "① Ngôn ngữ", _E: "① Language"},
    "sentiment.not_vi": {
        _V: "Văn bản này có vẻ không phải tiếng Việt (langid: **{code}**, p = {p:.2f}). Mô "
        "hình chỉ được huấn luyện trên bình luận nhà hàng tiếng Việt, nên kết quả dưới đây "
        "ít đáng tin.",
        _E: "This text does not look like Vietnamese (langid: **{code}**, p = {p:.2f}). The "
        "model was trained on Vietnamese restaurant reviews only, so read its verdict "
        "with care.",
    },
    "sentiment.unaccented": {
        _V: "Nếu đây là tiếng Việt gõ không dấu: langid dựa vào dấu thanh nên hay nhận nhầm "
        "thành ngôn ngữ khác.",
        _E: "If this is Vietnamese typed without diacritics: langid relies on them and "
        "often mistakes such text for another language.",
    },
    "sentiment.is_vi": {
        _V: "Tiếng Việt: đúng loại văn bản mô hình đã học (slide 22 chỉ giữ lại tiếng Việt).",
        _E: "Vietnamese: the kind of text the model learned from (slide 22 keeps only Vietnamese).",
    },
    "sentiment.h.cleaning": {_V: "② Làm sạch (slide 23)", _E: "② Cleaning (slide 23)"},
    "sentiment.cleaning_caption": {
        _V: "Mỗi bước: văn bản đi vào, phần bị bỏ gạch đỏ",
        _E: "Each step: the text going in, with what it removes struck out in red",
    },
    "sentiment.step": {
        _V: "**{number}. {title}** · {step} — thay đổi: **{n}**",
        _E: "**{number}. {title}** · {step} — changes: **{n}**",
    },
    "sentiment.step.urls_html": {_V: "Bỏ URL và thẻ HTML", _E: "Remove URLs and HTML tags"},
    "sentiment.step.punct_digits": {
        _V: "Bỏ dấu câu và chữ số",
        _E: "Remove punctuation and digits",
    },
    "sentiment.step.emoji": {
        _V: "Bỏ emoji, biểu tượng, cờ",
        _E: "Remove emoji, symbols and flags",
    },
    "sentiment.step.whitespace": {_V: "Chuẩn hoá khoảng trắng", _E: "Normalise whitespace"},
    "sentiment.step.lowercase": {_V: "Chữ thường", _E: "Lowercase"},
    "sentiment.cleaned": {_V: "**Kết quả**", _E: "**Cleaned text**"},
    "sentiment.empty": {_V: "(rỗng)", _E: "(empty)"},
    "sentiment.more_chars": {_V: "… (+{n:,} ký tự)", _E: "… (+{n:,} characters)"},
    "sentiment.more_kinds": {_V: "… (+{n:,} loại khác)", _E: "… (+{n:,} more kinds)"},
    "sentiment.h.tokens": {
        _V: "③ Token và chỉ số từ điển (slide 24)",
        _E: "③ Tokens and vocabulary indices (slide 24)",
    },
    "sentiment.token_counts": {
        _V: "**{tokens:,}** token · mô hình đọc **{read}** (tối đa {max_len}) · **{unk}** "
        "từ lạ `<unk>` (chỉ số 1) · từ điển {vocab:,} từ",
        _E: "**{tokens:,}** tokens · the model reads **{read}** (at most {max_len}) · "
        "**{unk}** unknown `<unk>` (index 1) · a vocabulary of {vocab:,} words",
    },
    "sentiment.truncated": {
        _V: "Bình luận có {tokens:,} token, dài hơn {max_len}: mô hình chỉ đọc {max_len} "
        "token đầu, cắt ngay sau token {max_len} («{last}»).",
        _E: "The review has {tokens:,} tokens, more than {max_len}: the model reads only "
        "the first {max_len}. Truncated after token {max_len} («{last}»).",
    },
    "sentiment.cut_here": {
        _V: "✂️ Cắt tại token {max_len}: mô hình không đọc phần sau",
        _E: "✂️ Cut at token {max_len}: the model does not read the rest",
    },
    "sentiment.token_tip": {_V: "token thứ {t}", _E: "token {t}"},
    "sentiment.h.why": {_V: "④ Vì sao?", _E: "④ Why?"},
    "sentiment.heat_legend": {
        _V: "Màu của mỗi token = P(positive) thay đổi bao nhiêu nếu bỏ token đó đi: "
        ":green[**xanh**] đẩy về tích cực, :red[**đỏ**] đẩy về tiêu cực; viền đứt = `<unk>`.",
        _E: "Each token's colour = how much P(positive) changes when that token is left "
        "out: :green[**green**] pushes towards positive, :red[**red**] towards negative; "
        "dashed border = `<unk>`.",
    },
    "sentiment.logit_split": {
        _V: "Logit của kết luận = **LSTM {lstm:+.2f}** + **túi cụm từ {bag:+.2f}** = "
        "{total:+.2f} → P(positive) = σ({total:+.2f}) = {p:.1%}. Phiếu của túi cụm từ là "
        "tổng phần đóng góp đã học của các cụm 1–{order} token trong bình luận (xem thẻ "
        "mô hình).",
        _E: "The verdict's logit = **LSTM {lstm:+.2f}** + **phrase bag {bag:+.2f}** = "
        "{total:+.2f} → P(positive) = σ({total:+.2f}) = {p:.1%}. The bag's vote adds up the "
        "learned shares of the review's 1–{order} token phrases (see the model card).",
    },
    "sentiment.bag_votes": {
        _V: "**Túi cụm từ: các phiếu mạnh nhất** (logit)",
        _E: "**Phrase bag: the strongest votes** (logit)",
    },
    "sentiment.col.phrase": {_V: "cụm từ", _E: "phrase"},
    "sentiment.col.vote": {_V: "phiếu", _E: "vote"},
    "sentiment.top_pos": {
        _V: "👍 Đẩy về tích cực mạnh nhất",
        _E: "👍 Pushing hardest towards positive",
    },
    "sentiment.top_neg": {
        _V: "👎 Đẩy về tiêu cực mạnh nhất",
        _E: "👎 Pushing hardest towards negative",
    },
    "sentiment.prefix_heading": {
        _V: "**P(positive) sau mỗi token mô hình đọc**",
        _E: "**P(positive) after each token the model reads**",
    },
    "sentiment.fig.tokens_read": {_V: "token đã đọc", _E: "tokens read"},
    "sentiment.h.inside": {_V: "⑤ Bên trong LSTM", _E: "⑤ Inside the LSTM"},
    "sentiment.gates_caption": {
        _V: "Các cổng i, f, g, o và trạng thái ô c của mô hình thật, theo từng token (trục "
        "ngang) và từng đơn vị ẩn (trục dọc), tính bằng ô LSTM NumPy của máy tính "
        "(core/nn/cells.py) với trọng số của tệp ONNX; chênh lệch lớn nhất so với "
        "onnxruntime: {diff:.1e}. Các đơn vị được xếp theo c ở token cuối.",
        _E: "The real model's gates i, f, g, o and cell state c, per token (across) and per "
        "hidden unit (down), computed by the calculator's NumPy LSTM cell "
        "(core/nn/cells.py) with the ONNX file's weights; largest difference from "
        "onnxruntime: {diff:.1e}. Units are sorted by c at the last token.",
    },
    "sentiment.gate.i": {_V: "i: cổng vào", _E: "i: input gate"},
    "sentiment.gate.f": {_V: "f: cổng quên", _E: "f: forget gate"},
    "sentiment.gate.g": {_V: "g: bộ nhớ ứng viên C̃", _E: "g: candidate memory C̃"},
    "sentiment.gate.o": {_V: "o: cổng ra", _E: "o: output gate"},
    "sentiment.gate.c": {_V: "c: trạng thái ô", _E: "c: cell state"},
    "sentiment.fig.unit": {_V: "đơn vị", _E: "unit"},
    "sentiment.fig.row": {_V: "hàng", _E: "row"},
    # ---------------------------------------------------------- many reviews
    "sentiment.limits": {
        _V: "Giới hạn: tối đa **{rows:,} dòng** mỗi lần, tệp tối đa **{mb} MB**, mã hoá "
        "**UTF-8**. Mọi dòng đều có trong kết quả, đúng thứ tự, kèm trạng thái.",
        _E: "Limits: at most **{rows:,} rows** at a time, files up to **{mb} MB**, "
        "**UTF-8** encoding. Every input row appears in the result, in order, with its status.",
    },
    "sentiment.source": {_V: "Nguồn", _E: "Source"},
    "sentiment.source.paste": {_V: "📋 Dán", _E: "📋 Paste"},
    "sentiment.source.upload": {_V: "📎 Tải tệp CSV/TXT", _E: "📎 Upload a CSV/TXT file"},
    "sentiment.paste_label": {_V: "Mỗi dòng một bình luận", _E: "One review per line"},
    "sentiment.upload_label": {
        _V: "Tệp .csv (chọn cột văn bản) hoặc .txt (mỗi dòng một bình luận), ≤ {mb} MB",
        _E: "A .csv file (choose the text column) or a .txt file (one review per line), ≤ {mb} MB",
    },
    "sentiment.column": {_V: "Cột chứa bình luận", _E: "Column holding the reviews"},
    "sentiment.ready": {_V: "{n:,} dòng sẵn sàng", _E: "{n:,} rows ready"},
    "sentiment.classify": {_V: "Phân loại", _E: "Classify"},
    "sentiment.classifying": {_V: "Đang phân loại…", _E: "Classifying…"},
    "sentiment.m.rows": {_V: "Tổng số dòng", _E: "Rows"},
    "sentiment.m.positive": {_V: "👍 Tích cực", _E: "👍 Positive"},
    "sentiment.m.negative": {_V: "👎 Tiêu cực", _E: "👎 Negative"},
    "sentiment.m.other": {_V: "Rỗng / không phải tiếng Việt", _E: "Empty / not Vietnamese"},
    "sentiment.fig.split": {_V: "Tỉ lệ các nhãn", _E: "Labels"},
    "sentiment.fig.dist": {_V: "Phân bố P(positive)", _E: "Distribution of P(positive)"},
    "sentiment.fig.reviews": {_V: "số bình luận", _E: "reviews"},
    "sentiment.col.number": {_V: "#", _E: "#"},
    "sentiment.col.review": {_V: "bình luận", _E: "review"},
    "sentiment.col.label": {_V: "nhãn", _E: "label"},
    "sentiment.col.language": {_V: "ngôn ngữ", _E: "language"},
    "sentiment.col.status": {_V: "trạng thái", _E: "status"},
    "sentiment.status.ok": {_V: "đã phân loại", _E: "classified"},
    "sentiment.status.empty": {_V: "rỗng", _E: "empty"},
    "sentiment.status.not_vietnamese": {_V: "không phải tiếng Việt", _E: "not Vietnamese"},
    "sentiment.download": {_V: "⬇️ Tải kết quả CSV", _E: "⬇️ Download results (CSV)"},
    # ------------------------------------------------------------ model card
    "sentiment.card": {_V: "🪪 Thẻ mô hình", _E: "🪪 Model card"},
    "sentiment.card.setup": {_V: "**Dữ liệu và huấn luyện**", _E: "**Training data and setup**"},
    "sentiment.card.value": {_V: "giá trị", _E: "value"},
    "sentiment.fact.data": {_V: "Dữ liệu", _E: "Data"},
    "sentiment.fact.data_value": {
        _V: "NTC-SCV (foody.vn) · huấn luyện: {train} · validation: {val} bình luận",
        _E: "NTC-SCV (foody.vn) · training: {train} · validation: {val} reviews",
    },
    "sentiment.fact.data_full": {
        _V: "30,000 (15,000 tích cực / 15,000 tiêu cực)",
        _E: "30,000 (15,000 positive / 15,000 negative)",
    },
    "sentiment.fact.data_limit": {
        _V: "{limit:,} mỗi lớp (chạy thử)",
        _E: "{limit:,} per class (smoke run)",
    },
    "sentiment.fact.path": {_V: "Đường dẫn", _E: "Path"},
    "sentiment.fact.sha": {
        _V: "SHA-256 (huấn luyện / validation)",
        _E: "SHA-256 (training / validation)",
    },
    "sentiment.fact.arch": {_V: "Kiến trúc", _E: "Architecture"},
    "sentiment.fact.arch_value": {
        _V: "Embedding {V}×{D} → LSTM H={H} (1 lớp) → P(positive) sau mỗi token",
        _E: "Embedding {V}×{D} → LSTM H={H} (1 layer) → P(positive) after each token",
    },
    "sentiment.fact.arch_bag": {
        _V: " · + túi cụm từ: n-gram 1–{order} token, {buckets} trọng số băm",
        _E: " · + phrase bag: n-grams of 1–{order} tokens, {buckets} hashed weights",
    },
    "sentiment.fact.parameters": {_V: "Tham số", _E: "Parameters"},
    "sentiment.fact.vocab": {_V: "Từ điển", _E: "Vocabulary"},
    "sentiment.fact.vocab_value": {
        _V: "{n} token (min_freq {min_freq})",
        _E: "{n} tokens (min_freq {min_freq})",
    },
    "sentiment.fact.max_len": {_V: "Đọc tối đa", _E: "Reads at most"},
    "sentiment.fact.max_len_value": {_V: "{n} token", _E: "{n} tokens"},
    "sentiment.fact.tokenization": {_V: "Tách token", _E: "Tokenization"},
    "sentiment.fact.syllables": {
        _V: "âm tiết: làm sạch (clean()), rồi tách theo khoảng trắng và dấu gạch dưới",
        _E: "syllables: clean(), then split on whitespace and underscores",
    },
    "sentiment.fact.training": {_V: "Huấn luyện", _E: "Training"},
    "sentiment.fact.training_value": {
        _V: "hạt giống ngẫu nhiên {seed}, {epochs} epoch, epoch tốt nhất {best}, tốc độ học "
        "{lr}, batch {batch}, {secs} giây trên CPU ({threads} luồng)",
        _E: "random seed {seed}, {epochs} epochs, best epoch {best}, learning rate {lr}, "
        "batch {batch}, {secs} s on CPU ({threads} threads)",
    },
    "sentiment.fact.weighting": {_V: "Trọng số hai phần", _E: "Weighting"},
    "sentiment.fact.weighting_value": {
        _V: "logit = (LSTM + {w} × túi cụm từ) / {temp:.2f} (nhiệt độ); cả hai số chọn "
        "trên tập validation",
        _E: "logit = (LSTM + {w} × phrase bag) / {temp:.2f} (temperature); both chosen on "
        "the validation set",
    },
    "sentiment.fact.command": {_V: "Lệnh", _E: "Command"},
    "sentiment.fact.versions": {_V: "Phiên bản", _E: "Versions"},
    "sentiment.card.metrics": {
        _V: "**Kết quả trên tập validation**",
        _E: "**Validation metrics**",
    },
    "sentiment.card.no_metrics": {
        _V: "metadata.json chưa có số liệu validation",
        _E: "metadata.json holds no validation metrics",
    },
    "sentiment.col.form": {_V: "dạng văn bản", _E: "text form"},
    "sentiment.col.n": {_V: "số bình luận", _E: "reviews"},
    "sentiment.col.accuracy": {_V: "độ chính xác", _E: "accuracy"},
    "sentiment.col.f1": {_V: "F1 (tích cực)", _E: "F1 (positive)"},
    "sentiment.form.typed": {
        _V: "gõ thường (dấu cách thay cho _)",
        _E: "as typed (spaces instead of _)",
    },
    "sentiment.form.underscore": {_V: "như trong dữ liệu (có _)", _E: "as stored (with _)"},
    "sentiment.form.no_diacritics": {_V: "không dấu", _E: "without diacritics"},
    "sentiment.fig.confusion": {_V: "Ma trận nhầm lẫn", _E: "Confusion matrix"},
    "sentiment.fig.pred_neg": {_V: "dự đoán tiêu cực", _E: "predicted negative"},
    "sentiment.fig.pred_pos": {_V: "dự đoán tích cực", _E: "predicted positive"},
    "sentiment.fig.true_neg": {_V: "thật: tiêu cực", _E: "actually negative"},
    "sentiment.fig.true_pos": {_V: "thật: tích cực", _E: "actually positive"},
    "sentiment.card.curves": {_V: "**Đường cong huấn luyện**", _E: "**Training curves**"},
    "sentiment.curve.train_loss": {_V: "loss huấn luyện", _E: "training loss"},
    "sentiment.curve.val_accuracy": {_V: "độ chính xác", _E: "accuracy"},
    "sentiment.curve.val_accuracy_no_diacritics": {
        _V: "độ chính xác, không dấu",
        _E: "accuracy, no diacritics",
    },
    "sentiment.curve.val_accuracy_lstm_alone": {
        _V: "độ chính xác, chỉ LSTM",
        _E: "accuracy, LSTM alone",
    },
    "sentiment.curve.val_accuracy_bag_alone": {
        _V: "độ chính xác, chỉ túi cụm từ",
        _E: "accuracy, phrase bag alone",
    },
    "sentiment.fig.best": {_V: "tốt nhất", _E: "best"},
    "sentiment.fig.accuracy": {_V: "độ chính xác (validation)", _E: "validation accuracy"},
    "sentiment.m.size": {_V: "Kích thước", _E: "Size"},
    "sentiment.m.one": {_V: "1 bình luận", _E: "One review"},
    "sentiment.m.one_help": {
        _V: "Lần phân tích đầy đủ gần nhất trên máy chủ này (cả giải thích và các cổng), "
        "{tokens} token",
        _E: "The last full analysis on this server (explanation and gates included), "
        "{tokens} tokens",
    },
    "sentiment.m.bulk": {_V: "Hàng loạt", _E: "Bulk"},
    "sentiment.m.bulk_value": {_V: "{rate:,.0f} bình luận/s", _E: "{rate:,.0f} reviews/s"},
    "sentiment.m.bulk_help": {
        _V: "Lần phân loại hàng loạt gần nhất trong phiên này",
        _E: "The last bulk run in this session",
    },
    "sentiment.card.limits": {
        _V: "**Giới hạn: mô hình sai ở đâu**",
        _E: "**Limits: what it gets wrong**",
    },
    "sentiment.limit.errors": {
        _V: "Trên {n:,} bình luận validation nó sai {wrong:,} lần: {fp:,} bình luận tiêu cực "
        "bị gọi là tích cực, {fn:,} tích cực bị gọi là tiêu cực.",
        _E: "On {n:,} validation reviews it is wrong {wrong:,} times: {fp:,} negative "
        "reviews called positive, {fn:,} positive ones called negative.",
    },
    "sentiment.limit.domain": {
        _V: "Chỉ học bình luận nhà hàng tiếng Việt (NTC-SCV, foody.vn): văn bản khác lĩnh vực "
        "hoặc ngôn ngữ khác cho kết quả không đáng tin.",
        _E: "It learned from Vietnamese restaurant reviews only (NTC-SCV, foody.vn): text "
        "from another field or in another language gets an unreliable verdict.",
    },
    "sentiment.limit.two_labels": {
        _V: "Một mô hình, hai nhãn: không có «trung tính»; bình luận khen chê lẫn lộn bị ép "
        "về một phía.",
        _E: "One model, two labels: there is no «neutral»; a review that both praises and "
        "complains is forced to one side.",
    },
    "sentiment.limit.max_len": {
        _V: "Chỉ đọc {max_len} token đầu; phần sau không ảnh hưởng kết quả.",
        _E: "It reads only the first {max_len} tokens; the rest does not change the verdict.",
    },
    "sentiment.limit.rare": {
        _V: "Từ hiếm, tên riêng, teencode mới thành <unk>; mỉa mai và phủ định ở xa hay bị "
        "đọc sai.",
        _E: "Rare words, names and new slang become <unk>; sarcasm and distant negation "
        "often fool it.",
    },
    "sentiment.limit.unaccented": {
        _V: "Văn bản không dấu: langid hay nhận nhầm là tiếng Anh, và mô hình kém chính xác hơn.",
        _E: "Text without diacritics: langid often takes it for English, and the model is "
        "less accurate.",
    },
    "sentiment.limit.unaccented_acc": {
        _V: "Văn bản không dấu: langid hay nhận nhầm là tiếng Anh, và mô hình kém chính xác "
        "hơn ({acc:.1%} trên tập validation).",
        _E: "Text without diacritics: langid often takes it for English, and the model is "
        "less accurate ({acc:.1%} on the validation set).",
    },
    "sentiment.limit.slides": {
        _V: "Các ví dụ slide 21 nằm trong tập huấn luyện, nên đúng với chúng chưa chứng minh "
        "gì; số liệu trên là của tập validation (dùng để dừng sớm và chọn trọng số túi cụm "
        "từ, nên hơi lạc quan; tập test chính thức được giữ riêng).",
        _E: "The slide-21 examples are in the training set, so getting them right proves "
        "nothing; the figures above are the validation set's (used for early stopping and "
        "to choose the bag's weight, so slightly optimistic; the official test set is "
        "kept apart).",
    },
    # ------------------------------------------------------------------- errors
    # core.sentiment.ModelUnavailable and core.sentiment.classify.InputError (codes set
    # in core), and core.sentiment.bulk.BulkError.
    "error.model_missing": {
        _V: "Thiếu tệp {file}. Hãy tạo lại mô hình bằng lệnh «{command}».",
        _E: "{file} is missing. Rebuild the model with «{command}».",
    },
    "error.model_broken": {
        _V: "Tệp {file} bị hỏng hoặc không đầy đủ ({detail}). Hãy tạo lại mô hình bằng lệnh "
        "«{command}».",
        _E: "{file} is corrupt or incomplete ({detail}). Rebuild the model with «{command}».",
    },
    "error.file_not_utf8": {
        _V: "{file} không phải văn bản UTF-8 (không giải mã được byte thứ {byte}). Hãy lưu "
        "tệp ở dạng UTF-8 (ví dụ «CSV UTF-8» trong Excel) rồi thử lại.",
        _E: "{file} is not UTF-8 text (byte {byte} cannot be decoded). Save it as UTF-8 "
        "(for example «CSV UTF-8» in Excel) and try again.",
    },
    "error.file_type": {
        _V: "{file}: không hỗ trợ loại tệp {ext}. Hãy dùng .csv (có cột «text») hoặc .txt "
        "(mỗi dòng một bình luận).",
        _E: "{file}: unsupported file type {ext}. Use .csv (with a «text» column) or .txt "
        "(one review per line).",
    },
    "error.csv_unreadable": {
        _V: "Không đọc được {file} như một tệp CSV ({detail}).",
        _E: "{file} is not a readable CSV file ({detail}).",
    },
    "error.csv_empty": {
        _V: "{file} trống: cần một dòng tiêu đề có cột «{column}», rồi đến các bình luận.",
        _E: "{file} is empty: expected a header row with a «{column}» column, then the reviews.",
    },
    "error.csv_no_column": {
        _V: "{file} không có cột «{column}» (các cột: {columns}). Hãy chọn cột chứa bình luận.",
        _E: "{file} has no column «{column}» (columns: {columns}). Choose the column that "
        "holds the reviews.",
    },
    "error.bulk_no_rows": {
        _V: "{file} không có dòng nào để phân loại: tệp .csv cần một dòng tiêu đề và ít nhất "
        "một dòng dữ liệu, tệp .txt cần mỗi dòng một bình luận.",
        _E: "{file} has no reviews to classify: a .csv needs a header row and at least one "
        "data row, a .txt one review per line.",
    },
    "error.bulk_no_text": {
        _V: "«{where}» chỉ có ô trống, không có văn bản. Hãy chọn cột chứa bình luận.",
        _E: "«{where}» holds only empty cells, no text. Choose the column that holds the reviews.",
    },
    "error.bulk_too_big": {
        _V: "Tệp {file} nặng {size:.1f} MB, vượt giới hạn {limit} MB. Hãy chia nhỏ tệp.",
        _E: "{file} is {size:.1f} MB, over the {limit} MB limit. Split it into smaller files.",
    },
    "error.bulk_too_many": {
        _V: "Có {rows:,} dòng, vượt giới hạn {limit:,} dòng mỗi lần. Hãy chia nhỏ tệp.",
        _E: "{rows:,} rows exceed the limit of {limit:,} rows at a time. Split the file.",
    },
}
