/**
 * Hand-written glossary of policy-communication phrases (state bodies, document types, communication work).
 * The news and law corpora rarely contain some of them verbatim ("truyền thông chính sách" occurs 0 times
 * in VNTC + laws, so a syllable model prefers "truyền thống chính sách"); `scripts/build-models.ts` adds
 * each phrase to the diacritics n-gram counts as pseudo-observations. Sources: titles and recurring phrases
 * of Chỉ thị 07/CT-TTg (2023) and Quyết định 1373/QĐ-TTg on policy communication, Luật Báo chí 2016,
 * Luật Tiếp cận thông tin 2016, and the names of central bodies (Nghị định 123/2016/NĐ-CP).
 */
export const DOMAIN_PHRASES: readonly string[] = [
  'truyền thông chính sách', 'công tác truyền thông chính sách', 'truyền thông về chính sách',
  'tăng cường công tác truyền thông', 'chính sách pháp luật', 'dự thảo chính sách', 'khủng hoảng truyền thông',
  'Thủ tướng Chính phủ', 'Phó Thủ tướng Chính phủ', 'Văn phòng Chính phủ', 'Cổng Thông tin điện tử Chính phủ',
  'Cổng thông tin điện tử', 'Bộ Thông tin và Truyền thông', 'Bộ trưởng Bộ Thông tin và Truyền thông',
  'Cục Báo chí', 'Cục Thông tin cơ sở', 'Cục Phát thanh truyền hình và thông tin điện tử',
  'Ban Tuyên giáo Trung ương', 'Hội Nhà báo Việt Nam', 'Ủy ban nhân dân', 'Hội đồng nhân dân',
  'Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
  'các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ', 'cơ quan ngang bộ', 'cơ quan hành chính nhà nước',
  'cơ quan báo chí', 'cơ quan chủ quản', 'người phát ngôn', 'phát ngôn và cung cấp thông tin cho báo chí',
  'cung cấp thông tin', 'họp báo', 'thông cáo báo chí', 'dư luận xã hội', 'phản biện xã hội',
  'lấy ý kiến', 'góp ý dự thảo', 'tiếp cận thông tin', 'thông tin cơ sở', 'mạng xã hội', 'thông tin sai sự thật',
  'tin giả', 'đồng thuận xã hội', 'niềm tin của nhân dân', 'chỉ thị', 'công văn', 'quyết định', 'nghị định',
  'thông tư', 'nghị quyết', 'kế hoạch', 'tổ chức thực hiện', 'chủ trương, đường lối của Đảng',
  'chủ trương, đường lối', 'đường lối', 'chính sách, pháp luật của Nhà nước', 'triển khai thực hiện',
  'đội ngũ cán bộ làm công tác truyền thông', 'cán bộ làm truyền thông', 'chuyên trách, chuyên nghiệp',
  'nguồn lực', 'kinh phí', 'cộng đồng mạng', 'bùng nổ thông tin', 'hệ thống cơ quan hành chính nhà nước',
  'chuyển đổi số', 'cải cách hành chính', 'dịch vụ công trực tuyến', 'người dân và doanh nghiệp',
  'Cộng hòa xã hội chủ nghĩa Việt Nam', 'Độc lập - Tự do - Hạnh phúc', 'Nơi nhận', 'Thủ trưởng cơ quan',
  'Chủ tịch Ủy ban nhân dân', 'Bộ trưởng, Thủ trưởng cơ quan ngang bộ', 'Chủ tịch Ủy ban nhân dân các tỉnh',
];
