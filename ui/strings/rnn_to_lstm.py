"""The "from RNN to LSTM" page's words, in both languages (keys: "rnn_to_lstm.<name>")."""

KEPT: frozenset[str] = frozenset()

STRINGS: dict[str, dict[str, str]] = {
    "nav.rnn_to_lstm": {"vi": "Từ RNN đến LSTM", "en": "From RNN to LSTM"},
    "rnn_to_lstm.title": {"vi": "Từ RNN đến LSTM", "en": "From RNN to LSTM"},
    "rnn_to_lstm.slides": {
        "vi": "Slide 29 (kiến thức nền) · slide 30-36 (xây LSTM từ RNN)",
        "en": "Slide 29 (prior knowledge) · slides 30-36 (the LSTM built from an RNN)",
    },
    "rnn_to_lstm.intro": {
        "vi": "Trước hết là hai hàm kích hoạt của LSTM và phép nhân ma trận. Sau đó ta lắp LSTM "
        "từ một RNN, mỗi bước thêm một phần như các slide 30-36, trên chính các con số của ví "
        "dụ ở slide 43-50: x_t = 1, h_(t-1) = 1, c_(t-1) = 2.",
        "en": "First the LSTM's two activation functions and the matrix product. Then we put "
        "the LSTM together from an RNN, one part per step as slides 30-36 do, on the very "
        "numbers of the example of slides 43-50: x_t = 1, h_(t-1) = 1, c_(t-1) = 2.",
    },
    # --- slide 29: σ and tanh
    "rnn_to_lstm.act.title": {
        "vi": "1 · σ và tanh (slide 29)",
        "en": "1 · σ and tanh (slide 29)",
    },
    "rnn_to_lstm.act.body": {
        "vi": "σ nén mọi số vào khoảng (0, 1): một cái cổng, 0 là đóng, 1 là mở. tanh nén vào "
        "(-1, 1): một giá trị có dấu. Đường nét đứt là đạo hàm. Vùng tô xám là vùng bão hoà: "
        "đạo hàm nhỏ hơn {share}% giá trị lớn nhất của nó, đầu ra gần như không đổi khi z "
        "thay đổi, và gradient đi qua đó bị nhân với một số rất nhỏ.",
        "en": "σ squeezes every number into (0, 1): a gate, 0 closed and 1 open. tanh squeezes "
        "into (-1, 1): a signed value. The dashed line is the derivative. The grey zones are "
        "saturated: the derivative is below {share}% of its largest value, the output barely "
        "moves when z changes, and a gradient passing there is multiplied by a tiny number.",
    },
    "rnn_to_lstm.fig.sigmoid": {"vi": "σ(z) và đạo hàm", "en": "σ(z) and its derivative"},
    "rnn_to_lstm.fig.tanh": {"vi": "tanh(z) và đạo hàm", "en": "tanh(z) and its derivative"},
    "rnn_to_lstm.fig.x": {"vi": "z (đầu vào của hàm)", "en": "z (the function's input)"},
    "rnn_to_lstm.fig.y": {"vi": "giá trị", "en": "value"},
    "rnn_to_lstm.fig.value": {"vi": "hàm", "en": "function"},
    "rnn_to_lstm.fig.slope": {"vi": "đạo hàm", "en": "derivative"},
    "rnn_to_lstm.fig.marks": {"vi": "ví dụ slide 43-49", "en": "slides 43-49 example"},
    "rnn_to_lstm.fig.saturated": {"vi": "bão hoà", "en": "saturated"},
    "rnn_to_lstm.marks.body": {
        "vi": "Các điểm đánh dấu là các giá trị z của ví dụ ở slide 43-49. Tất cả đều nằm trong "
        "vùng bão hoà: các cổng gần như mở hết.",
        "en": "The marks are the z values of the example of slides 43-49. All of them lie in "
        "the saturated zones: the gates are almost fully open.",
    },
    "rnn_to_lstm.col.quantity": {"vi": "Đại lượng", "en": "Quantity"},
    "rnn_to_lstm.col.slide": {"vi": "Slide", "en": "Slide"},
    "rnn_to_lstm.col.z": {"vi": "z", "en": "z"},
    "rnn_to_lstm.col.slide_z": {"vi": "z trên slide", "en": "z on the slide"},
    "rnn_to_lstm.col.value": {"vi": "giá trị", "en": "value"},
    "rnn_to_lstm.col.slope": {"vi": "đạo hàm", "en": "derivative"},
    "rnn_to_lstm.col.saturated": {"vi": "bão hoà?", "en": "saturated?"},
    "rnn_to_lstm.yes": {"vi": "có", "en": "yes"},
    "rnn_to_lstm.no": {"vi": "không", "en": "no"},
    "rnn_to_lstm.mark.f": {"vi": "cổng quên f", "en": "forget gate f"},
    "rnn_to_lstm.mark.i": {"vi": "cổng vào i", "en": "input gate i"},
    "rnn_to_lstm.mark.g": {"vi": "bộ nhớ ứng viên g", "en": "candidate memory g"},
    "rnn_to_lstm.mark.o": {"vi": "cổng ra o", "en": "output gate o"},
    "rnn_to_lstm.mark.c": {"vi": "trạng thái ô c_t", "en": "cell state c_t"},
    "rnn_to_lstm.c_note": {
        "vi": "Slide 48 in c_t = 2.946 vì làm tròn trước khi cộng; tính đúng là {exact}.",
        "en": "Slide 48 prints c_t = 2.946 because it rounds before adding; exactly it is {exact}.",
    },
    # --- slide 29: the matrix product
    "rnn_to_lstm.mat.title": {
        "vi": "Nhân ma trận 2 × 2 (slide 29)",
        "en": "A 2 × 2 matrix product (slide 29)",
    },
    "rnn_to_lstm.mat.body": {
        "vi": "Slide 29 viết phép nhân bằng chữ; gõ hai ma trận để thấy từng tích được cộng "
        "lại. Mỗi ô của kết quả là một hàng của ma trận trái nhân với một cột của ma trận phải.",
        "en": "Slide 29 writes the product in letters; type two matrices to see every product "
        "being added up. Each entry of the result is a row of the left matrix times a column "
        "of the right one.",
    },
    "rnn_to_lstm.mat.A": {"vi": "Ma trận trái", "en": "Left matrix"},
    "rnn_to_lstm.mat.B": {"vi": "Ma trận phải", "en": "Right matrix"},
    "rnn_to_lstm.mat.help": {
        "vi": "Hai hàng cách nhau bởi dấu chấm phẩy, ví dụ 1 2; 3 4. Số thập phân dùng dấu chấm.",
        "en": "Two rows separated by a semicolon, for example 1 2; 3 4. Decimals use a point.",
    },
    "error.matrix_parse": {
        "vi": "Cần một ma trận {rows} × {cols}: {rows} hàng cách nhau bởi dấu chấm phẩy, mỗi "
        "hàng {cols} số hữu hạn, ví dụ 1 2; 3 4.",
        "en": "A {rows} × {cols} matrix is needed: {rows} rows separated by semicolons, {cols} "
        "finite numbers each, for example 1 2; 3 4.",
    },
    # --- slides 30-36: the build-up
    "rnn_to_lstm.build.title": {
        "vi": "2 · Lắp LSTM từ RNN (slide 30-36)",
        "en": "2 · The LSTM built from an RNN (slides 30-36)",
    },
    "rnn_to_lstm.build.body": {
        "vi": "Đi từng bước: mỗi bước thêm một phần vào ô nhớ. Phần mới được tô màu trong công "
        "thức, trong sơ đồ và trong bảng số.",
        "en": "Go step by step: each step adds one part to the cell. The new part is coloured "
        "in the formula, in the diagram and in the table of numbers.",
    },
    "rnn_to_lstm.stage": {"vi": "Bước", "en": "Step"},
    "rnn_to_lstm.prev": {"vi": "◀ Bước trước", "en": "◀ Previous step"},
    "rnn_to_lstm.next": {"vi": "Bước sau ▶", "en": "Next step ▶"},
    "rnn_to_lstm.stage_label": {"vi": "Slide {slide} · {name}", "en": "Slide {slide} · {name}"},
    "rnn_to_lstm.stage.rnn": {"vi": "RNN", "en": "RNN"},
    "rnn_to_lstm.stage.filter_input": {
        "vi": "Lọc đầu ra của RNN",
        "en": "Filter the RNN's output",
    },
    "rnn_to_lstm.stage.memory": {"vi": "Bộ nhớ dài hạn", "en": "Long-term memory"},
    "rnn_to_lstm.stage.add": {
        "vi": "Thêm thông tin vào bộ nhớ dài hạn",
        "en": "Add information to the long-term memory",
    },
    "rnn_to_lstm.stage.forget": {"vi": "Lọc bộ nhớ dài hạn", "en": "Filter the long-term memory"},
    "rnn_to_lstm.stage.normalise": {
        "vi": "Chuẩn hoá bộ nhớ ngắn hạn",
        "en": "Normalise the short-term memory",
    },
    "rnn_to_lstm.stage.filter_output": {
        "vi": "Lọc bộ nhớ ngắn hạn đã chuẩn hoá",
        "en": "Filter the normalised short-term memory",
    },
    "rnn_to_lstm.why.rnn": {
        "vi": "Điểm xuất phát là một RNN: trộn đầu vào x_t với trạng thái trước h_(t-1) rồi "
        "qua tanh. Ở LSTM, kết quả này gọi là g_t (bộ nhớ ứng viên) và dùng trọng số của nó.",
        "en": "The starting point is an RNN: mix the input x_t with the previous state "
        "h_(t-1), then apply tanh. In the LSTM this result is called g_t (the candidate "
        "memory) and uses its weights.",
    },
    "rnn_to_lstm.why.filter_input": {
        "vi": "Cổng vào i_t = σ(...) nằm giữa 0 và 1. Nhân từng phần tử với g_t: cổng quyết "
        "định bao nhiêu phần của đầu ra RNN được đi tiếp.",
        "en": "The input gate i_t = σ(...) lies between 0 and 1. Multiplied element by element "
        "with g_t, it decides how much of the RNN's output goes on.",
    },
    "rnn_to_lstm.why.memory": {
        "vi": "Thêm một đường thứ hai: trạng thái ô c_(t-1), bộ nhớ dài hạn, đi thẳng qua ô. "
        "Chưa có gì tác động vào nó.",
        "en": "A second line appears: the cell state c_(t-1), the long-term memory, runs "
        "straight through the cell. Nothing acts on it yet.",
    },
    "rnn_to_lstm.why.add": {
        "vi": "Cộng thông tin mới đã lọc vào bộ nhớ dài hạn. Phép cộng (không phải phép nhân) "
        "giúp gradient đi qua nhiều bước mà không bị thu nhỏ dần.",
        "en": "The filtered new information is added to the long-term memory. An addition "
        "(not a product) lets a gradient cross many steps without shrinking each time.",
    },
    "rnn_to_lstm.why.forget": {
        "vi": "Cổng quên f_t quyết định giữ lại bao nhiêu bộ nhớ cũ trước khi cộng. Ở ví dụ "
        "này f_t gần bằng 1 nên gần như giữ hết: c_t chỉ giảm một chút.",
        "en": "The forget gate f_t decides how much of the old memory to keep before the "
        "addition. Here f_t is close to 1, so almost everything is kept: c_t drops only a "
        "little.",
    },
    "rnn_to_lstm.why.normalise": {
        "vi": "c_t có thể lớn tuỳ ý; tanh đưa nó về khoảng (-1, 1) trước khi trở thành đầu "
        "ra ngắn hạn h_t.",
        "en": "c_t can grow without bound; tanh brings it back into (-1, 1) before it becomes "
        "the short-term output h_t.",
    },
    "rnn_to_lstm.why.filter_output": {
        "vi": "Cổng ra o_t chọn bao nhiêu phần bộ nhớ đã chuẩn hoá được đưa ra. Đây là LSTM "
        "hoàn chỉnh (slide 37-42).",
        "en": "The output gate o_t picks how much of the normalised memory is let out. This "
        "is the complete LSTM (slides 37-42).",
    },
    "rnn_to_lstm.h": {"vi": "h_t (đầu ra)", "en": "h_t (output)"},
    "rnn_to_lstm.c": {"vi": "c_t (bộ nhớ dài hạn)", "en": "c_t (long-term memory)"},
    "rnn_to_lstm.no_c": {"vi": "chưa có", "en": "not yet"},
    "rnn_to_lstm.numbers": {"vi": "Các con số đến bước này", "en": "The numbers so far"},
    "rnn_to_lstm.z_note": {
        "vi": "z_g, z_i, z_f, z_o: giá trị bên trong hàm kích hoạt của mỗi cổng, "
        "W_x·x_t + b_x + W_h·h_(t-1) + b_h.",
        "en": "z_g, z_i, z_f, z_o: the value inside each gate's activation, "
        "W_x·x_t + b_x + W_h·h_(t-1) + b_h.",
    },
    "rnn_to_lstm.col.new": {"vi": "mới?", "en": "new?"},
    "rnn_to_lstm.new": {"vi": "mới", "en": "new"},
    "rnn_to_lstm.changed": {"vi": "đổi", "en": "changed"},
    "rnn_to_lstm.all_steps": {"vi": "Mọi bước trong một bảng", "en": "Every step in one table"},
    "rnn_to_lstm.col.step": {"vi": "Bước", "en": "Step"},
    "rnn_to_lstm.done": {
        "vi": "Bước cuối cho h_t = {h} và c_t = {c}: đúng từng chữ số với bước LSTM của máy "
        "tính (slide 43-50).",
        "en": "The last step gives h_t = {h} and c_t = {c}: digit for digit the calculator's "
        "LSTM step (slides 43-50).",
    },
    "rnn_to_lstm.erratum": {
        "vi": 'Slide 49 viết "0.992 + 0.994 = 1.986": đó là lỗi in. Công thức là một phép '
        "nhân, h_t = o_t ⊙ tanh(c_t) = 0.992 × 0.994 = 0.986 (tính đúng: {h}).",
        "en": 'Slide 49 writes "0.992 + 0.994 = 1.986": a misprint. The formula is a '
        "product, h_t = o_t ⊙ tanh(c_t) = 0.992 × 0.994 = 0.986 (exactly: {h}).",
    },
    "rnn_to_lstm.to_calculator": {"vi": "Mở máy tính RNN/LSTM", "en": "Open the calculator"},
    "rnn_to_lstm.diagram.input": {"vi": "đầu vào", "en": "input"},
}
