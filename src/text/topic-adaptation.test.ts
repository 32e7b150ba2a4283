import { describe, expect, it } from 'vitest';
import { loadModel } from './models';
import { classifyTopic, createTopicClassifier } from './topic';
import { adaptTopicModel, applyTopicAdaptation, boilerplateBuckets, MIN_SOURCE_STORIES } from './topic-adaptation';
import { fromBase64 } from './base64';
import { textFeatures } from './topic-features';

const shipped = loadModel('topic');
const shippedClassifier = createTopicClassifier(shipped);

// Provincial news about a new rice-export policy: the shipped model reads it as business news; an officer files it
// under politics and society (the policy), and wants its republished copies filed the same way.
const policyArticle =
  'Ủy ban nhân dân tỉnh ban hành chính sách hỗ trợ nông dân xuất khẩu gạo. Theo chính sách mới, doanh nghiệp thu mua lúa ' +
  'được vay vốn ưu đãi, giá lúa được bảo đảm có lãi cho người trồng. Sở Công Thương cho biết kim ngạch xuất khẩu gạo ' +
  'năm nay dự kiến tăng mạnh, thị trường Philippines và châu Phi mở rộng, giá gạo xuất khẩu ở mức cao.';
const unrelated = [
  'Đội tuyển Việt Nam giành chiến thắng 2-0 trước Thái Lan ở vòng loại World Cup, huấn luyện viên hài lòng với các cầu thủ.',
  'Bệnh viện tiếp nhận nhiều bệnh nhân sốt xuất huyết, bác sĩ khuyến cáo người dân diệt muỗi, phòng bệnh.',
  'Microsoft phát hành bản vá lỗi bảo mật cho hệ điều hành Windows và trình duyệt.',
  'Công an quận đã khởi tố vụ án, bắt tạm giam bị can về hành vi lừa đảo chiếm đoạt tài sản.',
];
// More of an outlet's news, every kind: with the above, the stories of one outlet in the documents in use.
const moreNews = [
  'Giá vàng trong nước tăng mạnh phiên sáng nay, chênh lệch với thế giới được nới rộng.',
  'Ngân hàng Nhà nước điều chỉnh lãi suất điều hành, các ngân hàng thương mại giảm lãi cho vay.',
  'Ca sĩ trẻ ra mắt album mới, khán giả thủ đô đón nhận nồng nhiệt tại đêm nhạc.',
  'Liên hoan phim quốc tế khai mạc với hơn một trăm bộ phim đến từ nhiều quốc gia.',
  'Nhà khoa học công bố phát hiện loài thực vật mới tại vườn quốc gia miền Trung.',
  'Tổng thống Mỹ có chuyến thăm châu Âu, thảo luận về thương mại và an ninh khu vực.',
  'Quốc hội thảo luận dự án luật sửa đổi, các đại biểu góp ý về thủ tục hành chính.',
  'Tòa án nhân dân thành phố xét xử vụ án tham ô tài sản tại một doanh nghiệp nhà nước.',
  'Học sinh cả nước bước vào kỳ thi tốt nghiệp trung học phổ thông với nhiều đổi mới.',
  'Du lịch biển mùa hè hút khách, các khách sạn ven biển kín phòng dịp cuối tuần.',
  'Câu lạc bộ Hà Nội thắng đậm trong trận derby, củng cố ngôi đầu bảng xếp hạng.',
  'Bộ Y tế khuyến cáo tiêm vắc xin phòng cúm mùa cho người cao tuổi và trẻ nhỏ.',
  'Ứng dụng điện thoại mới giúp người dùng quản lý chi tiêu gia đình hằng tháng.',
  'Gia đình trẻ chia sẻ kinh nghiệm nuôi dạy con trong thời đại công nghệ số.',
  'Xuất khẩu thủy sản sang thị trường Nhật Bản tăng trưởng hai con số trong quý ba.',
  'Nghệ nhân làng gốm giới thiệu sản phẩm truyền thống tại hội chợ di sản văn hóa.',
];
const outletNews = [policyArticle, ...unrelated, ...moreNews];

const movedBuckets = (adaptation: ReturnType<typeof adaptTopicModel>) =>
  Array.from(new Int32Array(fromBase64(adaptation.buckets).slice().buffer));

describe('adaptTopicModel', () => {
  it("moves the model to an officer's topic for the corrected article and its copies, and leaves other news as it was", () => {
    expect(classifyTopic(policyArticle, shippedClassifier).label).toBe('Kinh doanh');
    const adaptation = adaptTopicModel(shipped, [{ text: policyArticle, label: 'Chinh tri Xa hoi' }], { version: '2' });
    expect(adaptation).toMatchObject({ kind: 'topic-adaptation', version: '2', baseVersion: shipped.version });
    // only the article's most distinctive features moved, a few hundred bytes stored instead of the model's megabytes
    expect(adaptation.meta.changedBuckets).toBeLessThanOrEqual(30);
    const adapted = createTopicClassifier(applyTopicAdaptation(shipped, adaptation));
    expect(adapted.model.version).toBe('2');
    expect(classifyTopic(policyArticle, adapted).label).toBe('Chinh tri Xa hoi');
    // a copy with its lead cut, as another outlet republishes it
    const copy = policyArticle.slice(policyArticle.indexOf('Theo chính sách'));
    expect(classifyTopic(copy, shippedClassifier).label).toBe('Kinh doanh');
    expect(classifyTopic(copy, adapted).label).toBe('Chinh tri Xa hoi');
    for (const text of unrelated)
      expect(classifyTopic(text, adapted).label, text).toBe(classifyTopic(text, shippedClassifier).label);
  });

  it('does not move a word unknown to the model that every article of an outlet carries', () => {
    // a new outlet signs every article: the word is unknown to the model, so it ranks among the most distinctive
    const footer = 'Nguồn: baonhipmoi';
    const signed = (text: string) => `${text} ${footer}`;
    const [footerBucket] = textFeatures('baonhipmoi', shipped.bits, shipped.fold ?? true, shipped.hashSeed ?? 0, 1);
    const corrections = [{ text: signed(policyArticle), label: 'Chinh tri Xa hoi' }];
    expect(movedBuckets(adaptTopicModel(shipped, corrections, { version: '2' }))).toContain(footerBucket);
    // the documents in use: the outlet's stories of every kind, all signed, and another outlet's
    expect(outletNews.length).toBeGreaterThanOrEqual(MIN_SOURCE_STORIES);
    const boilerplate = boilerplateBuckets(shipped, [outletNews.map(signed), outletNews]);
    expect(boilerplate.has(footerBucket!)).toBe(true);
    // words common in the training texts are not boilerplate, however many of an outlet's stories carry them
    const [commonBucket] = textFeatures('của', shipped.bits, shipped.fold ?? true, shipped.hashSeed ?? 0, 1);
    const withCommonWords = boilerplateBuckets(shipped, [outletNews.map((text) => `${signed(text)} Ý kiến của người dân.`)]);
    expect(withCommonWords.has(footerBucket!)).toBe(true);
    expect(withCommonWords.has(commonBucket!)).toBe(false);
    // an outlet with too few stories to tell its boilerplate from its news is not judged
    expect(boilerplateBuckets(shipped, [outletNews.slice(0, MIN_SOURCE_STORIES - 1).map(signed)]).size).toBe(0);
    const adaptation = adaptTopicModel(shipped, corrections, { version: '2', boilerplate });
    expect(movedBuckets(adaptation)).not.toContain(footerBucket);
    const adapted = createTopicClassifier(applyTopicAdaptation(shipped, adaptation));
    expect(classifyTopic(signed(policyArticle), adapted).label).toBe('Chinh tri Xa hoi');
    for (const text of unrelated.map(signed))
      expect(classifyTopic(text, adapted).label, text).toBe(classifyTopic(text, shippedClassifier).label);
  });

  it('moves a new word of the news that many outlets carry in some of their stories', () => {
    // "VNeID" (2022) is unknown to the model; officers file stories about it under politics and society
    const [newWordBucket] = textFeatures('vneid', shipped.bits, shipped.fold ?? true, shipped.hashSeed ?? 0, 1);
    const aboutIt = (text: string, k: number) => (k % 5 === 0 ? `${text} Người dân dùng tài khoản VNeID để nộp hồ sơ.` : text);
    const outlets = [0, 1, 2].map((outlet) => outletNews.map((text, k) => aboutIt(`${text} (${outlet})`, k + outlet)));
    const boilerplate = boilerplateBuckets(shipped, outlets);
    expect(boilerplate.has(newWordBucket!)).toBe(false);
    const story = `Tỉnh hướng dẫn người dân dùng tài khoản định danh điện tử VNeID khi làm thủ tục hành chính trực tuyến.`;
    const adaptation = adaptTopicModel(shipped, [{ text: story, label: 'Chinh tri Xa hoi' }], { version: '2', boilerplate });
    expect(movedBuckets(adaptation)).toContain(newWordBucket);
  });

  it('gives the same adaptation for the same corrections', () => {
    const examples = [
      { text: policyArticle, label: 'Chinh tri Xa hoi' },
      { text: unrelated[2]!, label: 'Khoa hoc' },
    ];
    expect(adaptTopicModel(shipped, examples, { version: '3' })).toEqual(adaptTopicModel(shipped, examples, { version: '3' }));
  });

  it('refuses a topic the model does not have, and rows made from another model', () => {
    expect(() => adaptTopicModel(shipped, [{ text: policyArticle, label: 'Nông nghiệp' }], { version: '2' })).toThrow(
      /not a topic of the model/,
    );
    const adaptation = adaptTopicModel(shipped, [{ text: policyArticle, label: 'Chinh tri Xa hoi' }], { version: '2' });
    expect(() => applyTopicAdaptation({ ...shipped, version: '9.9.9' }, adaptation)).toThrow(/made from model/);
  });
});
