import { describe, expect, it } from 'vitest';
import { classifyTopicOf } from './analyze';
import { loadTextModels } from './models';
import { classifyTopic, createTopicClassifier, trainCustomClassifier, type TopicModel } from './topic';
import { listed, listFoldedFeatures, listFoldedFeaturesOfWords } from './topic-feature-scan';
import { foldDiacritics } from './normalize';

const models = loadTextModels();

describe('classifyTopic (VNTC topics)', () => {
  it('labels real news sentences', () => {
    const cases: [string, string][] = [
      [
        'Đội tuyển Việt Nam giành chiến thắng 2-0 trước Thái Lan ở vòng loại World Cup, huấn luyện viên hài lòng với các cầu thủ.',
        'The thao',
      ],
      ['Công an quận đã khởi tố vụ án, bắt tạm giam bị can về hành vi lừa đảo chiếm đoạt tài sản.', 'Phap luat'],
      ['Bệnh viện tiếp nhận nhiều bệnh nhân sốt xuất huyết, bác sĩ khuyến cáo người dân diệt muỗi, phòng bệnh.', 'Suc khoe'],
      ['Giá cổ phiếu tăng mạnh, ngân hàng nâng lãi suất huy động, doanh nghiệp xuất khẩu báo lãi.', 'Kinh doanh'],
      ['Microsoft phát hành bản vá lỗi bảo mật cho hệ điều hành Windows và trình duyệt.', 'Vi tinh'],
    ];
    for (const [text, label] of cases) expect(classifyTopic(text, models.topic).label, text).toBe(label);
  });

  it('scores the same with the character scanner as with the regular-expression features', () => {
    // an astral character (the emoji, not a feature) sends classifyTopic to the `textFeatures` path
    const texts = [
      'Đội tuyển VIỆT NAM thắng 2-0, HLV nói: “Chúng tôi đã chơi tốt”.',
      'Ho\u0301a đơn điện tăng 15%; 3G/4G, COVID-19 và 1a2b3c',
      'İstanbul và ΣΟΦΙΑ ΣΑΣ: İ, Σ ở cuối từ và giữa từ',
      ' \u0301 lẻ \u0483 dấu ٣٤ ²',
      'Công an quận đã khởi tố vụ án. '.repeat(40),
      '',
    ];
    // the deployed model reads folded features; the same weights read as the other feature kinds test their scanner
    const classifiers = (['both', true, false] as const).map((fold) => createTopicClassifier({ ...models.topic.model, fold }));
    for (const classifier of classifiers)
      for (const text of texts)
        expect(classifyTopic(text, classifier), `${String(classifier.model.fold)}: ${text}`).toEqual(
          classifyTopic(`${text} 😀`, classifier),
        );
  });

  it('lists the same features from the folded runs of letters and digits as from the text', () => {
    const texts = [
      'Đội tuyển VIỆT NAM thắng 2-0, HLV nói: “Chúng tôi đã chơi tốt”.',
      'COVID19, F0 và H5N1; 20h30 ngày 31/3/2022, ٣٤ và 1a2b3c tăng 15%',
      'Học phí',
      '',
    ];
    for (const text of texts) {
      listFoldedFeatures(text, text.length, 7, (1 << 18) - 1);
      const fromText = Array.from(listed.folded.subarray(0, listed.lengths[1]));
      const words = foldDiacritics(text.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? [];
      expect(listFoldedFeaturesOfWords(words, words.length, 7, (1 << 18) - 1)).toBe(0);
      expect(Array.from(listed.folded.subarray(0, listed.lengths[1])), text).toEqual(fromText);
    }
    // a character the text scanner does not read as part of a word: the caller must scan the text
    expect(listFoldedFeaturesOfWords(['a\u0301'], 1, 0, 255)).toBeLessThan(0);
  });

  it('also works on text typed without accents', () => {
    expect(classifyTopicOf('doi tuyen viet nam thang thai lan 2-0 o vong loai world cup', models)?.label).toBe('The thao');
    expect(classifyTopic('benh vien tiep nhan benh nhan sot xuat huyet, bac si khuyen cao', models.topic).label).toBe('Suc khoe');
  });
});

describe('trainCustomClassifier', () => {
  it('learns deployment-defined categories and serialises to JSON', () => {
    const examples = [
      { text: 'học phí tăng quá cao', label: 'giao-duc' },
      { text: 'trường học thu thêm nhiều khoản', label: 'giao-duc' },
      { text: 'giáo viên dạy thêm', label: 'giao-duc' },
      { text: 'đường ngập, ổ gà khắp nơi', label: 'ha-tang' },
      { text: 'cầu yếu, đường xuống cấp', label: 'ha-tang' },
      { text: 'kẹt xe trên cầu vượt', label: 'ha-tang' },
    ];
    const model = JSON.parse(JSON.stringify(trainCustomClassifier(examples))) as TopicModel;
    const classifier = createTopicClassifier(model);
    expect(classifyTopic('phụ huynh phản ánh học phí', classifier).label).toBe('giao-duc');
    expect(classifyTopic('duong ngap nuoc', classifier).label).toBe('ha-tang');
    expect(() => trainCustomClassifier([])).toThrow();
  });
});
