import { describe, expect, it } from 'vitest';
import { loadModel } from './models';
import { classifyTopic, createTopicClassifier } from './topic';
import { adaptTopicModel, applyTopicAdaptation, idfOverTexts } from './topic-adaptation';
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
    const movedBuckets = (adaptation: ReturnType<typeof adaptTopicModel>) =>
      Array.from(new Int32Array(fromBase64(adaptation.buckets).slice().buffer));
    const corrections = [{ text: signed(policyArticle), label: 'Chinh tri Xa hoi' }];
    expect(movedBuckets(adaptTopicModel(shipped, corrections, { version: '2' }))).toContain(footerBucket);
    // the documents in use: the outlet's articles of every kind, all signed
    const inUseIdf = idfOverTexts(shipped, [policyArticle, ...unrelated].map(signed));
    const adaptation = adaptTopicModel(shipped, corrections, { version: '2', inUseIdf });
    expect(movedBuckets(adaptation)).not.toContain(footerBucket);
    const adapted = createTopicClassifier(applyTopicAdaptation(shipped, adaptation));
    expect(classifyTopic(signed(policyArticle), adapted).label).toBe('Chinh tri Xa hoi');
    for (const text of unrelated.map(signed))
      expect(classifyTopic(text, adapted).label, text).toBe(classifyTopic(text, shippedClassifier).label);
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
