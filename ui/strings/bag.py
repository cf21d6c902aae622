"""The "bag or sequence" page's words, in both languages (keys: "bag.<name>")."""

# The lecture's layer names and slide 24's tokens, shown as they are in both languages.
KEPT: frozenset[str] = frozenset(
    {"Embedding", "Flatten", "EmbeddingBag", "<pad>", "<unk>", "dog", "bites", "man"}
)

STRINGS: dict[str, dict[str, str]] = {
    "nav.bag": {"vi": "Túi từ hay chuỗi", "en": "Bag or sequence"},
    "bag.title": {"vi": "Túi từ hay chuỗi?", "en": "Bag or sequence?"},
    "bag.slides": {
        "vi": "Slide 7-9 (phân loại văn bản) · slide 24 (biểu diễn bằng chỉ số)",
        "en": "Slides 7-9 (text classification) · slide 24 (index-based representation)",
    },
    "bag.intro": {
        "vi": "Hai câu cùng những từ nhưng khác thứ tự, như [dog, bites, man] và "
        "[man, bites, dog], đi qua ba bộ mã hoá với cùng một bộ trọng số nhỏ: "
        "Embedding + Flatten (slide 7), EmbeddingBag lấy trung bình (slide 8) và một RNN "
        "(slide 9). Bộ nào nhận ra thứ tự của từ?",
        "en": "Two sentences with the same words in a different order, like [dog, bites, man] "
        "and [man, bites, dog], go through three encoders with the same small weights: "
        "Embedding + Flatten (slide 7), EmbeddingBag taking the mean (slide 8) and an RNN "
        "(slide 9). Which one notices the order of the words?",
    },
    "bag.mode": {"vi": "Câu thứ hai", "en": "Second sentence"},
    "bag.mode.reverse": {
        "vi": "Các từ của câu A theo thứ tự ngược lại",
        "en": "Sentence A's words in reverse order",
    },
    "bag.mode.free": {"vi": "Tự gõ câu B", "en": "Type sentence B yourself"},
    "bag.a": {"vi": "Câu A", "en": "Sentence A"},
    "bag.b": {"vi": "Câu B", "en": "Sentence B"},
    "bag.words_help": {
        "vi": "Các từ cách nhau bởi dấu cách, tối đa {most} từ; chữ hoa được đổi thành chữ thường.",
        "en": "Words separated by spaces, at most {most} words; capitals become lowercase.",
    },
    "bag.settings": {"vi": "Trọng số và kích thước", "en": "Weights and sizes"},
    "bag.seed": {"vi": "Hạt giống ngẫu nhiên", "en": "Random seed"},
    "bag.seed_help": {
        "vi": "Cùng một hạt giống cho cùng các trọng số; mỗi số có một chữ số thập phân.",
        "en": "The same seed gives the same weights; every number has one decimal.",
    },
    "bag.D": {"vi": "Số chiều embedding D", "en": "Embedding size D"},
    "bag.H": {"vi": "Số chiều trạng thái ẩn H", "en": "Hidden size H"},
    "bag.cap": {"vi": "Giới hạn kích thước từ vựng V", "en": "Limit the vocabulary size V"},
    "bag.V": {"vi": "Kích thước từ vựng V", "en": "Vocabulary size V"},
    "bag.V_help": {
        "vi": "Các từ không còn chỗ trong từ vựng trở thành `<unk>` (chỉ số 1).",
        "en": "Words that no longer fit in the vocabulary become `<unk>` (index 1).",
    },
    # --- slide 24
    "bag.index.title": {
        "vi": "1 · Biểu diễn bằng chỉ số (slide 24)",
        "en": "1 · Index-based representation (slide 24)",
    },
    "bag.index.body": {
        "vi": "Mỗi từ được thay bằng chỉ số của nó trong từ vựng: `<pad>` = 0 để đệm các câu ngắn "
        "cho bằng câu dài nhất, `<unk>` = 1 cho từ không có trong từ vựng. Từ vựng đánh số các từ "
        "theo lần xuất hiện đầu tiên, đọc lần lượt từ thứ nhất của mọi câu rồi đến từ thứ hai, "
        "như slide 24 (dog 2, man 3, bites 4).",
        "en": "Each word is replaced by its index in the vocabulary: `<pad>` = 0 pads short "
        "sentences to the longest one, `<unk>` = 1 stands for a word the vocabulary lacks. The "
        "vocabulary numbers words by first appearance, reading the first word of every sentence, "
        "then the second, as slide 24 does (dog 2, man 3, bites 4).",
    },
    "bag.vocab": {"vi": "Từ vựng", "en": "Vocabulary"},
    "bag.col.idx": {"vi": "Chỉ số", "en": "Index"},
    "bag.col.token": {"vi": "Token", "en": "Token"},
    "bag.matrix": {"vi": "Ma trận đầu vào", "en": "Input matrix"},
    "bag.sentence": {"vi": "Câu {name}", "en": "Sentence {name}"},
    "bag.position": {"vi": "Vị trí {m}", "en": "Position {m}"},
    "bag.shape.ids": {
        "vi": "N × M (số câu × độ dài chuỗi)",
        "en": "N × M (samples × sequence length)",
    },
    "bag.shape.E": {
        "vi": "V × D (từ vựng × số chiều embedding)",
        "en": "V × D (vocabulary × embedding size)",
    },
    "bag.shape.embedded": {
        "vi": "N × M × D (đầu ra của Embedding)",
        "en": "N × M × D (Embedding's output)",
    },
    "bag.shape.flatten": {
        "vi": "N × (M·D) (đầu ra của Flatten)",
        "en": "N × (M·D) (Flatten's output)",
    },
    "bag.shape.bag": {
        "vi": "N × D (đầu ra của EmbeddingBag)",
        "en": "N × D (EmbeddingBag's output)",
    },
    "bag.shape.rnn": {
        "vi": "N × H (trạng thái ẩn cuối của RNN)",
        "en": "N × H (the RNN's last hidden state)",
    },
    "bag.shapes": {"vi": "Kích thước", "en": "Shapes"},
    "bag.col.what": {"vi": "Đại lượng", "en": "Quantity"},
    "bag.col.shape": {"vi": "Kích thước", "en": "Shape"},
    "bag.unk_note": {
        "vi": "{count} vị trí là `<unk>`: từ đó không có trong từ vựng.",
        "en": "{count} positions are `<unk>`: the word is not in the vocabulary.",
    },
    "bag.pad_note": {
        "vi": "Câu ngắn hơn được đệm bằng `<pad>` = 0 cho đủ M = {M} vị trí.",
        "en": "The shorter sentence is padded with `<pad>` = 0 up to M = {M} positions.",
    },
    # --- the lookup table
    "bag.embed.title": {
        "vi": "2 · Bảng tra embedding (V × D)",
        "en": "2 · The embedding lookup table (V × D)",
    },
    "bag.embed.body": {
        "vi": "Mỗi chỉ số chọn một hàng của bảng; hàng của `<pad>` luôn bằng 0. Cả ba bộ mã hoá "
        "dưới đây dùng chung bảng này.",
        "en": "Each index picks one row of the table; the `<pad>` row is always zero. All three "
        "encoders below share this table.",
    },
    # --- the encoders
    "bag.enc.title": {"vi": "3 · Ba bộ mã hoá", "en": "3 · Three encoders"},
    "bag.enc.flatten": {
        "vi": "Embedding + Flatten (slide 7)",
        "en": "Embedding + Flatten (slide 7)",
    },
    "bag.enc.bag": {
        "vi": "EmbeddingBag, trung bình (slide 8)",
        "en": "EmbeddingBag, mean (slide 8)",
    },
    "bag.enc.rnn": {
        "vi": "RNN, trạng thái ẩn cuối (slide 9)",
        "en": "RNN, last hidden state (slide 9)",
    },
    "bag.enc.flatten.body": {
        "vi": "Xếp vector của vị trí 1, rồi vị trí 2, ... thành một hàng dài M·D số: "
        "mỗi vị trí có chỗ riêng, nên đổi thứ tự từ là đổi chỗ các con số.",
        "en": "Lays position 1's vector, then position 2's, ... into one row of M·D numbers: "
        "each position has its own place, so reordering the words moves the numbers.",
    },
    "bag.enc.bag.body": {
        "vi": "Lấy trung bình các vector của câu (bỏ qua `<pad>`). Phép cộng không quan tâm thứ "
        "tự, nên mọi cách sắp xếp cùng những từ cho cùng một kết quả.",
        "en": "Takes the mean of the sentence's vectors (`<pad>` left out). Addition ignores "
        "order, so every arrangement of the same words gives the same result.",
    },
    "bag.enc.rnn.body": {
        "vi": "Đọc từng từ một: h_t = tanh(W_xh x_t + b_xh + W_hh h_(t-1) + b_hh), bắt đầu từ "
        "h_0 = 0. Mỗi trạng thái phụ thuộc vào những gì đã đọc trước đó: đây là ngữ cảnh.",
        "en": "Reads one word at a time: h_t = tanh(W_xh x_t + b_xh + W_hh h_(t-1) + b_hh), "
        "from h_0 = 0. Each state depends on what was read before it: that is the context.",
    },
    "bag.same": {
        "vi": "Giống hệt nhau cho câu A và câu B.",
        "en": "Identical for sentence A and sentence B.",
    },
    "bag.differ": {
        "vi": "Khác nhau ở {count} trên {total} số.",
        "en": "Different in {count} of {total} numbers.",
    },
    "bag.col.component": {"vi": "Thành phần", "en": "Component"},
    "bag.col.equal": {"vi": "A = B?", "en": "A = B?"},
    "bag.comp.flatten": {"vi": "vị trí {m} · d{d}", "en": "position {m} · d{d}"},
    "bag.comp.bag": {"vi": "d{d}", "en": "d{d}"},
    "bag.comp.rnn": {"vi": "h{k}", "en": "h{k}"},
    "bag.states": {
        "vi": "Trạng thái ẩn của RNN từng bước",
        "en": "The RNN's hidden state at each step",
    },
    "bag.step": {"vi": "Bước {m}", "en": "Step {m}"},
    "bag.weights": {"vi": "Trọng số của RNN", "en": "The RNN's weights"},
    # --- the verdict
    "bag.verdict.reordered": {
        "vi": "Câu B có đúng những từ của câu A theo thứ tự khác: chỉ EmbeddingBag cho hai câu "
        'cùng một kết quả. Một mô hình chỉ thấy túi từ không phân biệt được "chó cắn người" '
        'với "người cắn chó"; vì vậy slide 9 cần một mạng đọc ngữ cảnh: RNN.',
        "en": "Sentence B holds exactly sentence A's words in another order: only EmbeddingBag "
        'gives both the same result. A model that only sees a bag of words cannot tell "dog '
        'bites man" from "man bites dog"; that is why slide 9 asks for a network that reads '
        "context: the RNN.",
    },
    "bag.verdict.identical": {
        "vi": "Hai câu giống hệt nhau, nên cả ba bộ mã hoá đều cho cùng kết quả. Hãy đổi thứ tự "
        "các từ.",
        "en": "The two sentences are identical, so all three encoders agree. Try reordering "
        "the words.",
    },
    "bag.verdict.other": {
        "vi": "Hai câu không cùng những từ, nên cả EmbeddingBag cũng thường cho kết quả khác. "
        'Chọn "ngược lại" để chỉ đổi thứ tự.',
        "en": "The two sentences do not hold the same words, so even EmbeddingBag usually "
        'differs. Pick "reverse order" to change only the order.',
    },
    # --- errors
    "error.bag_empty": {
        "vi": "Câu {n} chưa có từ nào. Hãy gõ ít nhất một từ.",
        "en": "Sentence {n} has no word yet. Type at least one word.",
    },
    "error.bag_too_long": {
        "vi": "Câu {n} dài hơn {most} từ. Hãy rút ngắn để mọi con số vẫn đọc được.",
        "en": "Sentence {n} has more than {most} words. Shorten it so every number stays readable.",
    },
    "error.bag_size": {
        "vi": "{name} phải nằm trong khoảng {lo} đến {hi}.",
        "en": "{name} must be between {lo} and {hi}.",
    },
    "error.bag_vocab_size": {
        "vi": "Từ vựng cần ít nhất {least} mục: `<pad>`, `<unk>` và một từ.",
        "en": "The vocabulary needs at least {least} entries: `<pad>`, `<unk>` and one word.",
    },
}
