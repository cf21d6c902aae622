"""The language-model page's words, in both languages (keys: "lm.<name>", "error.lm_*")."""

# Shown as they are in both languages: the lecture's names and the math's.
KEPT: frozenset[str] = frozenset(
    {
        "N-gram",
        "n-gram",
        "unigram",
        "add-one",
        "perplexity",
        "top-k",
        "seed",
        "embedding",
        "FC",
        "cross-entropy",
        "one-hot",
        "count(h w)",
        "count(h)",
        "P(w|h)",
        "W_fc",
        "b_fc",
        "</s>",
        "<unk>",
    }
)

STRINGS: dict[str, dict[str, str]] = {
    "nav.language_model": {"vi": "Mô hình ngôn ngữ", "en": "Language models"},
    "lm.title": {"vi": "Mô hình ngôn ngữ", "en": "Language models"},
    "lm.slides": {
        "vi": "Slide 3-6: đếm n-gram và mô hình ngôn ngữ nơ-ron · Slide 18-19: hàm mất mát "
        "khi sinh văn bản",
        "en": "Slides 3-6: n-gram counts and the neural language model · Slides 18-19: "
        "the loss for text generation",
    },
    "lm.tab.counts": {"vi": "Đếm n-gram", "en": "N-gram counts"},
    "lm.tab.neural": {"vi": "Mô hình LSTM", "en": "LSTM model"},
    "lm.tab.loss": {"vi": "Hàm mất mát", "en": "The loss"},
    # ---------------------------------------------------------------- counts
    "lm.counts.intro": {
        "vi": "**Slide 3:** xác suất của từ tiếp theo w khi biết lịch sử h được ước lượng bằng "
        "cách đếm: P(w|h) = count(h w) / count(h). **Slide 4:** mô hình N-gram chỉ nhìn N−1 "
        "từ đứng trước. **Slide 5:** với N = 1 (unigram), mỗi từ được đoán mà không cần lịch "
        "sử. Mỗi dòng của kho văn bản là một câu; cuối câu có thêm `</s>` để các xác suất sau "
        "cùng một lịch sử cộng lại bằng 1.",
        "en": "**Slide 3:** the probability of the next word w given its history h is "
        "estimated by counting: P(w|h) = count(h w) / count(h). **Slide 4:** an N-gram "
        "model only looks at the N−1 words before. **Slide 5:** with N = 1 (unigram), every "
        "word is guessed with no history at all. Each line of the corpus is a sentence; "
        "`</s>` ends each one, so the probabilities after a history add up to 1.",
    },
    "lm.counts.corpus": {
        "vi": "Kho văn bản (mỗi dòng một câu)",
        "en": "Corpus (one sentence per line)",
    },
    "lm.counts.load_reviews": {
        "vi": "Nạp 2.000 bình luận NTC-SCV (tập huấn luyện)",
        "en": "Load 2,000 NTC-SCV reviews (training split)",
    },
    "lm.counts.load_toy": {"vi": "Về kho ví dụ của slide", "en": "Back to the slides' corpus"},
    "lm.counts.summary": {
        "vi": "{sentences} câu · {tokens} token (kể cả `</s>`) · từ vựng V = {V}",
        "en": "{sentences} sentences · {tokens} tokens (with `</s>`) · vocabulary V = {V}",
    },
    "lm.counts.n": {"vi": "N (số từ của một n-gram)", "en": "N (words in an n-gram)"},
    "lm.counts.add_one": {
        "vi": "Làm trơn cộng một (add-one)",
        "en": "Add-one smoothing",
    },
    "lm.counts.table": {
        "vi": "Bảng đếm {n}-gram, các n-gram gặp nhiều nhất",
        "en": "{n}-gram counts, the most frequent first",
    },
    "lm.col.history": {"vi": "Lịch sử h", "en": "History h"},
    "lm.col.word": {"vi": "Từ w", "en": "Word w"},
    "lm.col.step": {"vi": "Bước", "en": "Step"},
    "lm.counts.sentence": {
        "vi": "Câu của bạn (được làm sạch như slide 23)",
        "en": "Your sentence (cleaned as on slide 23)",
    },
    "lm.counts.chain": {
        "vi": "Quy tắc chuỗi, từng thừa số: unigram bên cạnh {n}-gram",
        "en": "The chain rule, factor by factor: unigram beside {n}-gram",
    },
    "lm.counts.unigram": {"vi": "Mô hình unigram", "en": "Unigram model"},
    "lm.counts.ngram": {"vi": "Mô hình {n}-gram", "en": "{n}-gram model"},
    "lm.counts.ppl": {"vi": "Perplexity, {model}", "en": "Perplexity, {model}"},
    "lm.counts.ppl_help": {
        "vi": "PP = P(w_1 … w_T)^(−1/T): số lựa chọn “trung bình” mà mô hình phân vân ở mỗi "
        "từ. Càng nhỏ càng tốt.",
        "en": "PP = P(w_1 … w_T)^(−1/T): how many choices the model hesitates between per "
        "word, on average. Lower is better.",
    },
    "lm.counts.zero": {
        "vi": "Thừa số bằng 0 ở: {words}. Chỉ một n-gram chưa từng gặp cũng kéo cả tích về 0 "
        "và perplexity thành vô hạn. Bật làm trơn cộng một: P(w|h) = (count(h w) + 1) / "
        "(count(h) + V).",
        "en": "A factor is 0 at: {words}. A single n-gram never seen makes the whole product "
        "0 and the perplexity infinite. Switch on add-one smoothing: P(w|h) = "
        "(count(h w) + 1) / (count(h) + V).",
    },
    "lm.counts.unseen_history": {
        "vi": "Lịch sử chưa từng gặp ({histories}): count(h) = 0 nên count(h w) / count(h) "
        "= 0/0, không xác định; ở đây tính là 0.",
        "en": "Histories never seen ({histories}): count(h) = 0, so count(h w) / count(h) "
        "= 0/0 is undefined; it is taken as 0 here.",
    },
    "lm.counts.smoothed": {
        "vi": "Làm trơn cộng một đang bật: mọi xác suất đều lớn hơn 0, đổi lại các n-gram đã "
        "gặp bị san bớt xác suất cho những n-gram chưa gặp.",
        "en": "Add-one smoothing is on: every probability is above 0, paid for by the "
        "n-grams seen, whose probability is shared with those never seen.",
    },
    "lm.counts.empty_corpus": {
        "vi": "Kho văn bản trống sau khi làm sạch: hãy nhập ít nhất một câu.",
        "en": "The corpus is empty once cleaned: type at least one sentence.",
    },
    "lm.counts.empty_sentence": {
        "vi": "Hãy nhập một câu để tính xác suất của nó.",
        "en": "Type a sentence to see its probability.",
    },
    # ---------------------------------------------------------------- neural
    "lm.neural.intro": {
        "vi": "**Slide 6:** một mô hình ngôn ngữ nơ-ron học từ các cặp nguồn → đích: mỗi "
        "tiền tố của câu là nguồn, từ ngay sau nó là đích.",
        "en": "**Slide 6:** a neural language model learns from source → target pairs: "
        "every prefix of the sentence is a source, the word right after it the target.",
    },
    "lm.neural.pairs_input": {"vi": "Câu để tách thành cặp", "en": "Sentence to cut into pairs"},
    "lm.col.source": {"vi": "Nguồn", "en": "Source"},
    "lm.col.target": {"vi": "Đích", "en": "Target"},
    "lm.neural.model": {
        "vi": "Ở đây một LSTM học đúng việc đó trên tập huấn luyện NTC-SCV: embedding → LSTM "
        "→ lớp FC trên mọi trạng thái ẩn h_t → softmax trên {V} âm tiết. Mô hình chạy bằng "
        "onnxruntime.",
        "en": "Here an LSTM learned exactly that on the NTC-SCV training split: embedding → "
        "LSTM → an FC layer on every hidden state h_t → softmax over {V} syllables. It runs "
        "with onnxruntime.",
    },
    "lm.neural.prompt": {"vi": "Gõ đầu câu", "en": "Type the start of a sentence"},
    "lm.neural.bars": {
        "vi": "10 âm tiết tiếp theo khả dĩ nhất",
        "en": "The ten likeliest next syllables",
    },
    "lm.neural.axis_p": {"vi": "Xác suất", "en": "Probability"},
    "lm.neural.eos": {"vi": "(hết câu)", "en": "(end of text)"},
    "lm.neural.unknown": {
        "vi": "Ngoài từ vựng, mô hình đọc là `<unk>`: {words}",
        "en": "Outside the vocabulary, read as `<unk>`: {words}",
    },
    "lm.neural.generate": {"vi": "Viết tiếp", "en": "Continue the text"},
    "lm.neural.temperature": {"vi": "Nhiệt độ", "en": "Temperature"},
    "lm.neural.top_k": {
        "vi": "top-k (chỉ bốc trong k âm tiết đầu)",
        "en": "top-k (draw from the k likeliest)",
    },
    "lm.neural.seed": {"vi": "seed (hạt giống ngẫu nhiên)", "en": "seed (random)"},
    "lm.neural.length": {"vi": "Số âm tiết tối đa", "en": "Most syllables"},
    "lm.neural.reproducible": {
        "vi": "Cùng câu mở đầu, cùng seed và cùng thiết lập luôn cho cùng một đoạn văn.",
        "en": "The same prompt, seed and settings always write the same text.",
    },
    "lm.neural.ended": {
        "vi": "Mô hình chọn `</s>`: đoạn văn kết thúc ở đây.",
        "en": "The model drew `</s>`: the text ends here.",
    },
    "lm.card.title": {"vi": "Thẻ mô hình", "en": "Model card"},
    "lm.card.body": {
        "vi": "Huấn luyện trên {train} bình luận ({tokens} âm tiết) của `data_train/train`; "
        "kiểm định trên {val} bình luận của `data_train/test`. Cả hai mô hình dùng cùng cách "
        "tách âm tiết, cùng từ vựng ({V} mục, âm tiết ngoài từ vựng là `<unk>`) và tính "
        "perplexity trên cùng {val_tokens} token. Embedding {D}, H = {H}, {params} tham số, "
        "tệp ONNX {mb} MB. Lệnh: `{command}` (seed {seed}), {minutes} phút.",
        "en": "Trained on {train} reviews ({tokens} syllables) of `data_train/train`; "
        "validated on {val} reviews of `data_train/test`. Both models use the same "
        "syllables, the same vocabulary ({V} entries, others read as `<unk>`) and score "
        "the same {val_tokens} tokens. Embedding {D}, H = {H}, {params} parameters, "
        "ONNX file {mb} MB. Command: `{command}` (seed {seed}), {minutes} minutes.",
    },
    "lm.card.model": {"vi": "Mô hình", "en": "Model"},
    "lm.card.lstm": {"vi": "LSTM (epoch {epoch})", "en": "LSTM (epoch {epoch})"},
    "lm.card.ngram": {"vi": "{n}-gram, cộng một", "en": "{n}-gram, add-one"},
    "lm.card.note": {
        "vi": "Làm trơn cộng một chia quá nhiều xác suất cho các n-gram chưa gặp, nên ở đây N "
        "càng lớn thì perplexity càng tệ. LSTM nhìn toàn bộ phần đầu câu với ít tham số hơn "
        "hẳn một bảng đếm 4-gram; lúc huấn luyện nó chỉ đọc {seen} token, nên còn nhiều chỗ "
        "để tốt hơn.",
        "en": "Add-one smoothing hands too much probability to the n-grams never seen, so "
        "here a larger N has a worse perplexity. The LSTM reads the whole prefix with far "
        "fewer parameters than a 4-gram table; it read only {seen} tokens in training, so "
        "it has room to improve.",
    },
    "lm.card.curve": {
        "vi": "Perplexity theo epoch",
        "en": "Perplexity by epoch",
    },
    "lm.card.train_curve": {"vi": "huấn luyện", "en": "training"},
    "lm.card.val_curve": {
        "vi": "kiểm định ({n} bình luận)",
        "en": "validation ({n} reviews)",
    },
    # ---------------------------------------------------------------- loss
    "lm.loss.intro": {
        "vi": "**Slide 18-19:** khi sinh văn bản, bước nào cũng có đích. Lớp FC đặt trên mọi "
        "trạng thái ẩn: z_t = W_fc h_t + b_fc, p_t = softmax(z_t), rồi cross-entropy "
        "CE_t = −Σ Y_t · ln p_t = −ln p_t[y_t] với Y_t là vector one-hot của từ đích. Hàm "
        "mất mát là tổng các CE_t. Các trạng thái ẩn h_1, h_2, h_3 là của RNN ở slide 11-14; "
        "trọng số của lớp FC do chúng tôi chọn (slide không ghi số).",
        "en": "**Slides 18-19:** when generating text every step has a target. An FC layer "
        "sits on every hidden state: z_t = W_fc h_t + b_fc, p_t = softmax(z_t), then the "
        "cross-entropy CE_t = −Σ Y_t · ln p_t = −ln p_t[y_t], Y_t being the target word's "
        "one-hot vector. The loss is the sum of the CE_t. The hidden states h_1, h_2, h_3 "
        "are the RNN's of slides 11-14; the FC layer's weights are ours (the slides give no "
        "numbers).",
    },
    "lm.loss.target": {"vi": "Y{t}: từ đích ở bước {t}", "en": "Y{t}: target word at step {t}"},
    "lm.loss.word": {"vi": "từ {k}", "en": "word {k}"},
    "lm.loss.fc": {
        "vi": "Lớp FC: 3 từ, 2 đơn vị ẩn",
        "en": "The FC layer: 3 words, 2 hidden units",
    },
    "lm.loss.step": {"vi": "Bước {t}", "en": "Step {t}"},
    "lm.loss.total": {"vi": "Tổng hàm mất mát", "en": "Total loss"},
    "lm.loss.mean": {
        "vi": "PyTorch mặc định lấy trung bình (reduction='mean'): L / 3 = {mean}.",
        "en": "PyTorch averages by default (reduction='mean'): L / 3 = {mean}.",
    },
    # ---------------------------------------------------------------- errors
    "error.lm_model_unavailable": {
        "vi": "Không mở được mô hình ngôn ngữ trong models/lm. Hãy chạy "
        "`python -m core.training.lm` để tạo lại nó.",
        "en": "The language model in models/lm could not be opened. Run "
        "`python -m core.training.lm` to rebuild it.",
    },
    "error.lm_sample_unavailable": {
        "vi": "Không đọc được mẫu bình luận đi kèm mô hình. Hãy chạy "
        "`python -m core.training.lm` để tạo lại nó.",
        "en": "The review sample shipped with the model could not be read. Run "
        "`python -m core.training.lm` to rebuild it.",
    },
    "error.lm_order": {
        "vi": "N phải nằm trong khoảng 1 đến 4 (nhận được {order}).",
        "en": "N must be between 1 and 4 (got {order}).",
    },
    "error.lm_empty_sentence": {
        "vi": "Câu không còn từ nào sau khi làm sạch: hãy nhập chữ.",
        "en": "The sentence has no word left once cleaned: type some letters.",
    },
    "error.lm_temperature": {
        "vi": "Nhiệt độ phải lớn hơn 0 (nhận được {value}).",
        "en": "The temperature must be above 0 (got {value}).",
    },
    "error.lm_top_k": {
        "vi": "top-k phải từ 1 trở lên (nhận được {value}).",
        "en": "top-k must be 1 or more (got {value}).",
    },
    "error.lm_targets": {
        "vi": "Cần đúng một từ đích cho mỗi bước ({steps} bước), mỗi từ là một chỉ số hợp lệ.",
        "en": "Give exactly one target word per step ({steps} steps), each a valid id.",
    },
    "error.lm_vocab_bad": {
        "vi": "Từ vựng của mô hình ngôn ngữ bị hỏng. Hãy chạy `python -m core.training.lm`.",
        "en": "The language model's vocabulary is damaged. Run `python -m core.training.lm`.",
    },
}
