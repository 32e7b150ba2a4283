/**
 * Hand-written Vietnamese sentiment lexicon for news and comments about public affairs.
 * Format: one entry per line, `phrase weight [a]`; weight in [-3, 3]; `a` = match only when the text is
 * accented, because the unaccented fold collides with a frequent neutral word ("yếu"/"yêu", "tồi"/"tôi",
 * "lừa"/"lúa", "thắng"/"tháng"). Written by the team from general knowledge of the register (press
 * vocabulary of VnExpress/Tuổi Trẻ headlines, comment slang, teen code), before the labelled set was written,
 * and not fitted to the test split. Rules (negation, intensifiers, contrast) are in `sentiment.ts`.
 */
export const SENTIMENT_LEXICON = `
tích cực 1.5
hiệu quả 1.5
thành công 1.5
phát triển 0.7
tăng trưởng 1
cải thiện 1.5
nâng cao 0.7
thuận lợi 1.2
ổn định 1
an toàn 0.5
minh bạch 1.2
kịp thời 1.2
hoàn thành 1
vượt kế hoạch 1.5
tốt 1.2
tốt đẹp 1.5
tuyệt vời 2
tuyệt 1.5
hài lòng 1.5
đồng tình 1.5
ủng hộ 1.5
hoan nghênh 2
cảm ơn 1.5
biết ơn 1.5
tự hào 2
vui mừng 1.5
vui 1
phấn khởi 2
yên tâm 1.5
tin tưởng 1.5
đáng khen 2
khen ngợi 1.5
khen 1 a
xuất sắc 2
ấn tượng 1.2
thiết thực 1.5
hợp lý 1.2
đúng đắn 1.5
sáng suốt 1.5
kỷ lục 0.8
hỗ trợ 0.8
miễn phí 0.8
khen thưởng 1.2
vinh danh 1.5
khởi sắc 1.5
hồi phục 1
phục hồi 1
thịnh vượng 1.5
bền vững 1
dễ dàng 1
nhanh chóng 1
thuận tiện 1.2
tiện lợi 1.2
chu đáo 1.5
tận tình 1.5
nhiệt tình 1.2
tận tâm 1.5
lợi ích 1
có lợi 1
hưởng lợi 1
cơ hội 0.7
đột phá 1.2
đổi mới 0.8
sáng tạo 1
hiện đại 0.8
văn minh 1
sạch đẹp 1.5
tiết kiệm 0.8
chất lượng cao 1.2
uy tín 1
hạnh phúc 1.5
ấm no 1.5
giỏi 1.2 a
hay quá 1.5
rất hay 1.5
đẹp 1 a
ngon 1
like 1
good 1
ok 0.7
oke 0.7
đỉnh 1.2 a
đỉnh của chóp 2
xịn 1.2
xịn xò 1.5
quá đã 1.5
hợp lòng dân 2
đồng thuận 1.2
lạc quan 1.5
triển vọng 1
khả quan 1.5
vượt bậc 1.5
đáng ghi nhận 1.5
ghi nhận 0.6
nhân văn 1.5
ý nghĩa 1
bổ ích 1.5
hữu ích 1.5
công bằng 1.2
trong sạch 1.2
liêm chính 1.2
gương mẫu 1.2
quyết liệt 0.8
chúc mừng 1.5
chiến thắng 1.2
thắng lợi 1.5
thắng 0.8 a
vô địch 1.5
huy chương vàng 1.5
kỳ vọng 0.6
hy vọng 0.6
mong chờ 0.5
an tâm 1.5
thoải mái 1
hào hứng 1.5
mừng 1 a
tiến bộ 1.2
xứng đáng 1.5
đáng tin cậy 1.5
ưng 1 a
ưng ý 1.5
tuyệt đối an toàn 1.5
thân thiện 1.2
chuyên nghiệp 1.2
nhanh gọn 1.5
gọn nhẹ 1
rõ ràng 1
cảm động 1.2
tri ân 1.2
giảm nghèo 1
thoát nghèo 1.5
giải quyết dứt điểm 1.5
được giải quyết 1
khắc phục 0.6
an cư 1
trúng thưởng 1
thu hút đầu tư 1
tăng lương 1.2
thu nhập tăng 1.2
đạt chuẩn 1.2
10 điểm 1.5
tks 1
thanks 1
cám ơn 1.5
bravo 1.5
tiêu cực -1.5
tham nhũng -2
lãng phí -1.5
sai phạm -2
vi phạm -0.8
sai -1
sai trái -1.5
yếu kém -2
chậm trễ -1.5
chậm -0.8 a
bức xúc -2
phẫn nộ -2.5
bất bình -2
thất vọng -2
lo ngại -1.5
lo lắng -1.2
khó khăn -1
thiệt hại -1.5
tai nạn -1.5
thiệt mạng -2
tử vong -2
chết -1.5
ô nhiễm -1.5
ngập -1
ngập lụt -1.5
lũ lụt -1.5
sạt lở -1.5
cháy -1 a
hỏa hoạn -1.5
lừa đảo -2
lừa -1.2 a
gian lận -2
trục lợi -2
hối lộ -2
nhận hối lộ -2
nhũng nhiễu -2
hách dịch -2
quan liêu -1.5
vô trách nhiệm -2
thiếu trách nhiệm -2
tắc trách -2
buông lỏng -1.5
yếu -1 a
kém -1 a
tệ -1.5 a
tệ hại -2
dở -1.2 a
tồi -1.5 a
tồi tệ -2
kinh khủng -1.5
khủng khiếp -1.5
bất cập -1.5
phiền hà -1.5
rườm rà -1.5
chồng chéo -1.2
ùn tắc -1.5
tắc đường -1.2
kẹt xe -1.2
quá tải -1.2
tăng giá -1
đắt đỏ -1.2
lạm phát -1.2
suy thoái -1.5
thua lỗ -1.5
phá sản -1.5
thất nghiệp -1.5
nợ đọng -1.2
nợ xấu -1.2
khủng hoảng -1.5
bê bối -2
scandal -1.5
khiếu kiện -1
khiếu nại -0.8
tố cáo -1
bắt giữ -1
khởi tố -1.2
truy tố -1
bị bắt -1.2
cướp -1.5
trộm -1.5
giết -2
giết người -2
bạo lực -2
ma túy -1.5
buôn lậu -1.5
hàng giả -1.5
kém chất lượng -2
độc hại -1.5
ngộ độc -1.5
dịch bệnh -1
nguy hiểm -1.2
rủi ro -0.8
đáng lo -1.5
báo động -1.2
nghiêm trọng -1.5
căng thẳng -1
xung đột -1.2
phản đối -1.5
chỉ trích -1.5
lên án -1.5
phê phán -1.2
bất công -2
vô lý -2
phi lý -2
vô cảm -2
coi thường -1.5
thờ ơ -1.5
đùn đẩy -2
né tránh -1.5
chán -1.2 a
chán nản -1.5
nản -1
mệt mỏi -1.2
khổ -1.2 a
cực khổ -1.5
khốn khổ -2
nghèo khó -1
xuống cấp -1.5
hư hỏng -1.5
ổ gà -1.2
dối trá -2
lươn lẹo -2
ăn chặn -2
ăn bớt -2
cắt cổ -2
chặt chém -2
làm ăn kiểu gì -2
như cái chợ -2
bó tay -1.5
hết thuốc chữa -2
thảm họa -2
xấu hổ -1.5
đáng xấu hổ -2
nhục -2
tàn nhẫn -2
vô lương tâm -2.5
xử phạt -0.8
phạt -0.6 a
đình chỉ -1
thu hồi -0.5
thiếu hụt -1
khan hiếm -1.2
không đạt -1.2
chưa đạt -1
trì trệ -1.5
mất tích -1.5
thương vong -2
bị thương -1.5
thất bại -1.5
thua -1 a
sụt giảm -1.2
lao dốc -1.5
tụt hậu -1.5
đe dọa -1.5
hoang mang -1.5
bất an -1.5
sợ -1 a
sợ hãi -1.5
hoảng loạn -1.5
ức chế -1.5
bực -1.5
bực mình -1.5
tức giận -2
tức -1 a
điên -1.2 a
ghét -1.5
khinh -1.5
nhảm -1.5
vớ vẩn -1.5
tào lao -1.5
xàm -1.5
láo -1.5
tin giả -1.5
toang -1.5
dởm -1.5
phèn -1
ăn cướp -2
hút máu -2
cay -1 a
tấu hài -1
như hạch -2
chán đời -1.5
thất thoát -2
sai sót -1.2
chậm chạp -1.5
lộn xộn -1.5
nhếch nhác -1.5
bẩn -1.2
hôi thối -2
mùi hôi -1.5
kêu trời -1.5
khổ sở -1.5
vất vả -1
gây khó dễ -2
làm khó -1.5
hành dân -2
bỏ mặc -2
cẩu thả -2
qua loa -1.5
hình thức -0.6
đối phó -1
lạm dụng -1.5
lạm quyền -2
thiếu minh bạch -2
mập mờ -1.5
khuất tất -2
ém nhẹm -2
bao che -2
tiếp tay -1.5
dọa -1.2
đáng thương -1
tội nghiệp -1
thương tâm -2
đau lòng -2
đau xót -2
buồn -1.2 a
tiếc -1
đáng tiếc -1.5
vô ích -1.5
vô dụng -2
thừa thãi -1.2
bất lực -1.5
rác -1.5
nhanh 0.6
sạch 0.8 a
chính sách 0
đẩy nhanh 0
thất thiệt -0.5
sạch sẽ 1.2
xanh sạch 1.2
ổn 0.8
quá ổn 1.5
khá ổn 1
thuyết phục 1.2
đúng hướng 1.5
thẳng thắn 1.2
đánh giá cao 1.5
tâm phục 1.5
kiên quyết 0.8
xúc động 1.2
ấm lòng 1.5
thở phào 1.2
mê 0.8 a
yên giấc 1.2
trúng mùa 1.5
được giá 1.2
nhân rộng 1.2
khang trang 1.2
thông thoáng 1.2
đúng hẹn 1
đúng hạn 1
đáng khâm phục 2
khâm phục 1.5
tiết kiệm được 1.2
thiết yếu 0
chủ yếu 0
trọng yếu 0
rải rác 0
cần thiết 0.5
bất tiện -1.5
quá cao -1
quá đắt -1.5
đắt -1 a
khóc -1
mất trắng -2
khốc liệt -1.5
bất nhẫn -2
ồn ào -1.2
thiệt -1 a
kiệt sức -1.5
tan hoang -2
xót xa -1.5
đắp chiếu -2
chặt phá -1.5
phá hoại -2
phá rừng -2
chóng mặt -1
lỗ nặng -2
lỗ -1 a
làm ngơ -2
lầy lội -1.5
thiệt thòi -1.5
khó thở -1.2
đáng trách -2
ép giá -1.5
tốn kém -1
không ai xử lý -1.5
không ai nghe -1.5
không ai tiếp -1.5
không làm gì -1.5
không nổi -1
chịu không nổi -1.5
như xưa -0.5
ba cọc ba đồng -1.5
áp lực -1
thiếu -0.8
mất điện -1
mất nước -1
`;

/** Words that invert the polarity of the sentiment term that follows within 3 syllables. */
export const NEGATORS = [
  'không',
  'chẳng',
  'chả',
  'chưa',
  'đừng',
  'chớ',
  'không hề',
  'chẳng hề',
  'chưa hề',
  'không phải',
  'chẳng phải',
  'chưa từng',
  'ko',
  'k',
  'hok',
  'hông',
  'kh',
  'khg',
  'hem',
  'đâu có',
  'thiếu',
];

/** Negators whose unaccented form is a frequent other word (chớ/cho, chả/cha, đừng/dùng, hông/hỏng). */
export const ACCENTED_ONLY_NEGATORS = ['chớ', 'chả', 'đừng', 'hông', 'chẳng'];

/**
 * Reducers: "giảm ùn tắc", "chống tham nhũng", "không còn cảnh chen lấn" turn a negative term into a positive
 * outcome (and "giảm hỗ trợ" a positive one into a negative).
 */
export const REDUCERS = [
  'bác bỏ',
  'giảm',
  'giảm hẳn',
  'chống',
  'phòng chống',
  'không còn',
  'hết',
  'bớt',
  'đỡ',
  'khắc phục',
  'đẩy lùi',
  'ngăn chặn',
  'ngăn',
  'phá',
  'triệt phá',
  'chặn',
  'vượt qua',
  'xóa',
  'xóa bỏ',
  'giải cứu',
  'cứu',
  'dập tắt',
  'xử lý nghiêm',
  'trừng trị',
  'giúp',
  'tặng',
  'hỗ trợ cho',
  'cho người',
  'kéo giảm',
  'hạn chế',
];

/** Degree adverbs and their multipliers ("hơi" and "khá" soften). */
export const INTENSIFIERS: Record<string, number> = {
  rất: 1.5,
  quá: 1.5,
  lắm: 1.4,
  'cực kỳ': 1.8,
  'cực kì': 1.8,
  cực: 1.5,
  'vô cùng': 1.8,
  'hết sức': 1.6,
  'thật sự': 1.4,
  'thực sự': 1.4,
  siêu: 1.5,
  'quá trời': 1.7,
  vãi: 1.6,
  vl: 1.6,
  'dã man': 1.7,
  'đặc biệt': 1.3,
  hơi: 0.6,
  khá: 0.8,
  cũng: 0.9,
  'quá là': 1.6,
  'thật là': 1.4,
  thật: 1.3,
};

/** Contrast connectives: the clause after them carries more weight ("tốt nhưng chậm" is negative). */
export const CONTRASTS = ['nhưng', 'nhưng mà', 'tuy nhiên', 'song', 'tuy vậy', 'dù vậy', 'thế nhưng', 'mặc dù vậy', 'có điều'];

/** Emoji and emoticons with a polarity. */
export const EMOJI_SENTIMENT: Record<string, number> = {
  '👍': 1.2,
  '❤️': 1.2,
  '❤': 1.2,
  '😍': 1.5,
  '😊': 1,
  '😀': 1,
  '😁': 1,
  '🥰': 1.5,
  '👏': 1.2,
  '💯': 1.2,
  '🎉': 1.2,
  '🙏': 0.6,
  ':)': 0.8,
  ':))': 0.8,
  ':D': 1,
  '<3': 1.2,
  '👎': -1.5,
  '😡': -1.8,
  '😠': -1.5,
  '🤬': -2,
  '😢': -1.2,
  '😭': -1.2,
  '😞': -1.2,
  '😤': -1.2,
  '💩': -1.5,
  '🤮': -1.8,
  ':(': -1,
  ':((': -1.2,
  '-_-': -0.8,
};
