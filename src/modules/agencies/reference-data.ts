/**
 * Reference data of the Vietnamese state as dated data: Government members, former (merged) ministries,
 * the 63 former and 34 current provincial-level units, selected departments and the major central press
 * agencies. Pure data, no I/O: the agencies module seeds the database from it; `resolve.ts` answers
 * "which bodies were in force on a date" from it.
 *
 * Model (see docs/reference-data.md):
 * - A body that keeps its name across a reorganisation keeps ONE record with no end date, even when it
 *   absorbed others (Bộ Tài chính absorbing Bộ Kế hoạch và Đầu tư; tỉnh Tuyên Quang absorbing Hà Giang).
 *   The absorbed body ends (`validTo` = its last valid day) and lists the continuing body as successor.
 * - A body with a new name or a new place in the state gets a new record (Bộ Nông nghiệp và Môi trường;
 *   Thành phố Huế replacing tỉnh Thừa Thiên Huế; Cục Báo chí moving from Bộ TT&TT to Bộ VHTTDL).
 * - `validFrom: null` means "since before the period the product models" (before 2021).
 * - Links only run from a body that ceased to the bodies that took over its work; a body that merely gave
 *   away some duties while continuing (Bộ Nội vụ → religious affairs) is not linked.
 */

export type ReferenceOrganizationKind =
  'government' | 'ministry' | 'ministerial-agency' | 'government-agency' | 'province' | 'press-agency' | 'department';

/** One period of a provincial-level unit's status (province or centrally-run city) and official name. */
export interface CityStatusPeriod {
  /** First day of the period (YYYY-MM-DD) or null for "before the modelled period". */
  from: string | null;
  /** Last day of the period or null while current. */
  to: string | null;
  status: 'province' | 'centrally-run-city';
  name: string;
  /** Legal basis; "(verify)" marks facts the team has not confirmed against the official text. */
  basis?: string;
}

export interface ReferenceOrganization {
  /** Stable slug; never reused for another body. */
  id: string;
  /** Full Vietnamese name (NFC) as currently (or last) in force. */
  name: string;
  shortName?: string;
  englishName: string;
  /** Abbreviations and other spellings used in documents; matched accent- and case-insensitively. */
  aliases: string[];
  kind: ReferenceOrganizationKind;
  parentId?: string;
  /** First valid day (YYYY-MM-DD) or null. */
  validFrom: string | null;
  /** Last valid day (YYYY-MM-DD) or null while in force. */
  validTo: string | null;
  predecessors: string[];
  successors: string[];
  /** Which duties went to which successor, keyed by successor id. */
  successorNotes?: Record<string, string>;
  /** Dated status and name of a provincial-level unit. */
  cityStatus?: CityStatusPeriod[];
  /** A news organisation ("các cơ quan báo chí" includes it) even though its kind is not press-agency. */
  isPress?: boolean;
  /** Legal basis of the record's dates and links. */
  basis?: string;
}

const MERGER_2025 = 'Nghị quyết 176/2025/QH15 (cơ cấu tổ chức của Chính phủ nhiệm kỳ khóa XV), from 2025-03-01';
const PROVINCES_2025 = 'Nghị quyết 202/2025/QH15 (sắp xếp đơn vị hành chính cấp tỉnh), from 2025-07-01';
const LAST_DAY_OLD_GOVERNMENT = '2025-02-28';
const FIRST_DAY_NEW_GOVERNMENT = '2025-03-01';
const LAST_DAY_OLD_PROVINCES = '2025-06-30';

type Draft = Omit<ReferenceOrganization, 'predecessors' | 'successors' | 'validFrom' | 'validTo' | 'aliases'> &
  Partial<Pick<ReferenceOrganization, 'predecessors' | 'successors' | 'validFrom' | 'validTo' | 'aliases'>>;

function org(draft: Draft): ReferenceOrganization {
  return {
    ...draft,
    name: draft.name.normalize('NFC'),
    shortName: draft.shortName?.normalize('NFC'),
    aliases: [...new Set((draft.aliases ?? []).map((alias) => alias.normalize('NFC')))],
    validFrom: draft.validFrom ?? null,
    validTo: draft.validTo ?? null,
    predecessors: draft.predecessors ?? [],
    successors: draft.successors ?? [],
  };
}

/** "Bộ Y tế" → ["Y tế"]: the name without its head word, as documents write it in lists ("các Bộ: Y tế, …"). */
function withoutHead(name: string, head: string): string[] {
  return name.startsWith(head + ' ') ? [name.slice(head.length + 1)] : [];
}

function ministry(draft: Omit<Draft, 'kind'>): ReferenceOrganization {
  return org({ ...draft, kind: 'ministry', aliases: [...(draft.aliases ?? []), ...withoutHead(draft.name, 'Bộ')] });
}

// ——— The Government as issuer ———

const government: ReferenceOrganization[] = [
  org({
    id: 'chinh-phu',
    name: 'Chính phủ',
    englishName: 'Government of Viet Nam',
    aliases: ['CP', 'Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam'],
    kind: 'government',
  }),
  org({
    id: 'thu-tuong-chinh-phu',
    name: 'Thủ tướng Chính phủ',
    englishName: 'Prime Minister',
    aliases: ['TTg', 'Thủ tướng', 'TTCP'],
    kind: 'government',
    parentId: 'chinh-phu',
  }),
];

// ——— Ministries: the 14 in force since 2025-03-01 (those that kept their name run through) ———

const ministries: ReferenceOrganization[] = [
  ministry({ id: 'bo-quoc-phong', name: 'Bộ Quốc phòng', englishName: 'Ministry of National Defence', aliases: ['BQP', 'MND'] }),
  ministry({
    id: 'bo-cong-an',
    name: 'Bộ Công an',
    englishName: 'Ministry of Public Security',
    aliases: ['BCA', 'MPS'],
    predecessors: ['bo-thong-tin-va-truyen-thong'],
  }),
  ministry({ id: 'bo-ngoai-giao', name: 'Bộ Ngoại giao', englishName: 'Ministry of Foreign Affairs', aliases: ['BNG', 'MOFA'] }),
  ministry({
    id: 'bo-noi-vu',
    name: 'Bộ Nội vụ',
    englishName: 'Ministry of Home Affairs',
    aliases: ['BNV', 'MOHA'],
    predecessors: ['bo-lao-dong-thuong-binh-va-xa-hoi'],
    basis: MERGER_2025,
  }),
  ministry({ id: 'bo-tu-phap', name: 'Bộ Tư pháp', englishName: 'Ministry of Justice', aliases: ['BTP', 'MOJ'] }),
  ministry({
    id: 'bo-tai-chinh',
    name: 'Bộ Tài chính',
    englishName: 'Ministry of Finance',
    aliases: ['BTC', 'MOF'],
    predecessors: ['bo-ke-hoach-va-dau-tu', 'uy-ban-quan-ly-von-nha-nuoc-tai-doanh-nghiep'],
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-cong-thuong',
    name: 'Bộ Công Thương',
    englishName: 'Ministry of Industry and Trade',
    aliases: ['BCT', 'MOIT'],
  }),
  ministry({
    id: 'bo-nong-nghiep-va-moi-truong',
    name: 'Bộ Nông nghiệp và Môi trường',
    englishName: 'Ministry of Agriculture and Environment',
    aliases: ['BNNMT', 'Bộ NN&MT', 'Bộ NNMT', 'MAE'],
    validFrom: FIRST_DAY_NEW_GOVERNMENT,
    predecessors: ['bo-nong-nghiep-va-phat-trien-nong-thon', 'bo-tai-nguyen-va-moi-truong'],
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-xay-dung',
    name: 'Bộ Xây dựng',
    englishName: 'Ministry of Construction',
    aliases: ['BXD', 'MOC'],
    predecessors: ['bo-giao-thong-van-tai'],
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-van-hoa-the-thao-va-du-lich',
    name: 'Bộ Văn hóa, Thể thao và Du lịch',
    shortName: 'Bộ VHTTDL',
    englishName: 'Ministry of Culture, Sports and Tourism',
    aliases: ['BVHTTDL', 'Bộ VHTTDL', 'Bộ VH,TT&DL', 'Bộ VHTT&DL', 'MOCST', 'MCST', 'Bộ Văn hoá, Thể thao và Du lịch'],
    predecessors: ['bo-thong-tin-va-truyen-thong'],
    basis: `${MERGER_2025}; Nghị định 43/2025/NĐ-CP`,
  }),
  ministry({
    id: 'bo-khoa-hoc-va-cong-nghe',
    name: 'Bộ Khoa học và Công nghệ',
    shortName: 'Bộ KH&CN',
    englishName: 'Ministry of Science and Technology',
    aliases: ['BKHCN', 'Bộ KH&CN', 'Bộ KHCN', 'MOST'],
    predecessors: ['bo-thong-tin-va-truyen-thong'],
    basis: `${MERGER_2025}; Nghị định 55/2025/NĐ-CP`,
  }),
  ministry({
    id: 'bo-giao-duc-va-dao-tao',
    name: 'Bộ Giáo dục và Đào tạo',
    shortName: 'Bộ GD&ĐT',
    englishName: 'Ministry of Education and Training',
    aliases: ['BGDĐT', 'Bộ GD&ĐT', 'Bộ GDĐT', 'MOET'],
    predecessors: ['bo-lao-dong-thuong-binh-va-xa-hoi'],
  }),
  ministry({
    id: 'bo-y-te',
    name: 'Bộ Y tế',
    englishName: 'Ministry of Health',
    aliases: ['BYT', 'MOH'],
    predecessors: ['bo-lao-dong-thuong-binh-va-xa-hoi'],
  }),
  ministry({
    id: 'bo-dan-toc-va-ton-giao',
    name: 'Bộ Dân tộc và Tôn giáo',
    englishName: 'Ministry of Ethnic and Religious Affairs',
    aliases: ['BDTTG', 'Bộ DT&TG', 'Bộ DTTG'],
    validFrom: FIRST_DAY_NEW_GOVERNMENT,
    predecessors: ['uy-ban-dan-toc'],
    basis: MERGER_2025,
  }),
];

// ——— Ministries that ceased on 2025-02-28 ———

const formerMinistries: ReferenceOrganization[] = [
  ministry({
    id: 'bo-thong-tin-va-truyen-thong',
    name: 'Bộ Thông tin và Truyền thông',
    shortName: 'Bộ TT&TT',
    englishName: 'Ministry of Information and Communications',
    aliases: ['BTTTT', 'Bộ TT&TT', 'Bộ TTTT', 'Bộ TT-TT', 'MIC'],
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-van-hoa-the-thao-va-du-lich', 'bo-khoa-hoc-va-cong-nghe', 'bo-cong-an'],
    successorNotes: {
      'bo-van-hoa-the-thao-va-du-lich':
        'press, broadcasting, publishing, electronic information, grassroots and external information — the policy-communication duties (Nghị định 43/2025/NĐ-CP)',
      'bo-khoa-hoc-va-cong-nghe': 'telecommunications, IT, digital transformation, post (Nghị định 55/2025/NĐ-CP)',
      'bo-cong-an': 'network information security (verify the decree)',
    },
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-ke-hoach-va-dau-tu',
    name: 'Bộ Kế hoạch và Đầu tư',
    shortName: 'Bộ KH&ĐT',
    englishName: 'Ministry of Planning and Investment',
    aliases: ['BKHĐT', 'Bộ KH&ĐT', 'Bộ KHĐT', 'MPI'],
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-tai-chinh'],
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-lao-dong-thuong-binh-va-xa-hoi',
    name: 'Bộ Lao động - Thương binh và Xã hội',
    shortName: 'Bộ LĐ-TB&XH',
    englishName: 'Ministry of Labour, Invalids and Social Affairs',
    aliases: [
      'BLĐTBXH',
      'Bộ LĐ-TB&XH',
      'Bộ LĐTBXH',
      'MOLISA',
      'Bộ Lao động, Thương binh và Xã hội',
      'Bộ Lao động – Thương binh và Xã hội',
    ],
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-noi-vu', 'bo-giao-duc-va-dao-tao', 'bo-y-te'],
    successorNotes: {
      'bo-noi-vu': 'labour, wages, employment, people with meritorious services, social insurance',
      'bo-giao-duc-va-dao-tao': 'vocational education',
      'bo-y-te': 'social protection, children, prevention of social evils',
    },
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-giao-thong-van-tai',
    name: 'Bộ Giao thông vận tải',
    shortName: 'Bộ GTVT',
    englishName: 'Ministry of Transport',
    aliases: ['BGTVT', 'Bộ GTVT', 'MOT'],
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-xay-dung'],
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-tai-nguyen-va-moi-truong',
    name: 'Bộ Tài nguyên và Môi trường',
    shortName: 'Bộ TN&MT',
    englishName: 'Ministry of Natural Resources and Environment',
    aliases: ['BTNMT', 'Bộ TN&MT', 'Bộ TNMT', 'MONRE'],
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-nong-nghiep-va-moi-truong'],
    basis: MERGER_2025,
  }),
  ministry({
    id: 'bo-nong-nghiep-va-phat-trien-nong-thon',
    name: 'Bộ Nông nghiệp và Phát triển nông thôn',
    shortName: 'Bộ NN&PTNT',
    englishName: 'Ministry of Agriculture and Rural Development',
    aliases: ['BNNPTNT', 'Bộ NN&PTNT', 'Bộ NNPTNT', 'MARD'],
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-nong-nghiep-va-moi-truong'],
    basis: MERGER_2025,
  }),
];

// ——— Ministerial-level agencies ———

const ministerialAgencies: ReferenceOrganization[] = [
  org({
    id: 'ngan-hang-nha-nuoc-viet-nam',
    name: 'Ngân hàng Nhà nước Việt Nam',
    shortName: 'NHNN',
    englishName: 'State Bank of Viet Nam',
    aliases: ['NHNN', 'SBV', 'Ngân hàng Nhà nước'],
    kind: 'ministerial-agency',
  }),
  org({
    id: 'thanh-tra-chinh-phu',
    name: 'Thanh tra Chính phủ',
    shortName: 'TTCP',
    englishName: 'Government Inspectorate',
    aliases: ['TTCP', 'GI'],
    kind: 'ministerial-agency',
  }),
  org({
    id: 'van-phong-chinh-phu',
    name: 'Văn phòng Chính phủ',
    shortName: 'VPCP',
    englishName: 'Office of the Government',
    aliases: ['VPCP', 'OOG'],
    kind: 'ministerial-agency',
  }),
  org({
    id: 'uy-ban-dan-toc',
    name: 'Ủy ban Dân tộc',
    shortName: 'UBDT',
    englishName: 'Committee for Ethnic Minority Affairs',
    aliases: ['UBDT', 'CEMA', 'Uỷ ban Dân tộc'],
    kind: 'ministerial-agency',
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-dan-toc-va-ton-giao'],
    basis: MERGER_2025,
  }),
];

// ——— Agencies under the Government (cơ quan thuộc Chính phủ) ———

const governmentAgencies: ReferenceOrganization[] = [
  org({
    id: 'dai-truyen-hinh-viet-nam',
    name: 'Đài Truyền hình Việt Nam',
    shortName: 'VTV',
    englishName: 'Vietnam Television',
    aliases: ['VTV', 'Đài THVN'],
    kind: 'government-agency',
    isPress: true,
  }),
  org({
    id: 'dai-tieng-noi-viet-nam',
    name: 'Đài Tiếng nói Việt Nam',
    shortName: 'VOV',
    englishName: 'Voice of Vietnam',
    aliases: ['VOV', 'Đài TNVN'],
    kind: 'government-agency',
    isPress: true,
  }),
  org({
    id: 'thong-tan-xa-viet-nam',
    name: 'Thông tấn xã Việt Nam',
    shortName: 'TTXVN',
    englishName: 'Vietnam News Agency',
    aliases: ['TTXVN', 'VNA'],
    kind: 'government-agency',
    isPress: true,
  }),
  org({
    id: 'vien-han-lam-khoa-hoc-va-cong-nghe-viet-nam',
    name: 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam',
    englishName: 'Vietnam Academy of Science and Technology',
    aliases: ['VAST', 'Viện Hàn lâm KH&CN Việt Nam', 'Viện Hàn lâm KHCNVN'],
    kind: 'government-agency',
  }),
  org({
    id: 'vien-han-lam-khoa-hoc-xa-hoi-viet-nam',
    name: 'Viện Hàn lâm Khoa học xã hội Việt Nam',
    englishName: 'Vietnam Academy of Social Sciences',
    aliases: ['VASS', 'Viện Hàn lâm KHXH Việt Nam', 'Viện Hàn lâm KHXHVN'],
    kind: 'government-agency',
  }),
  // Government agencies of 2016–2025 that left the Government on 2025-03-01 (verify each transfer decree).
  org({
    id: 'ban-quan-ly-lang-chu-tich-ho-chi-minh-cp',
    name: 'Ban Quản lý Lăng Chủ tịch Hồ Chí Minh',
    englishName: 'Ho Chi Minh Mausoleum Management Board',
    aliases: ['Ban Quản lý Lăng'],
    kind: 'government-agency',
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['ban-quan-ly-lang-chu-tich-ho-chi-minh'],
    successorNotes: {
      'ban-quan-ly-lang-chu-tich-ho-chi-minh': 'the same board, now under the Ministry of National Defence (verify)',
    },
  }),
  org({
    id: 'bao-hiem-xa-hoi-viet-nam-cp',
    name: 'Bảo hiểm xã hội Việt Nam',
    shortName: 'BHXH Việt Nam',
    englishName: 'Vietnam Social Security',
    aliases: ['BHXH Việt Nam', 'BHXHVN', 'VSS'],
    kind: 'government-agency',
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bao-hiem-xa-hoi-viet-nam'],
    successorNotes: { 'bao-hiem-xa-hoi-viet-nam': 'the same body, now under the Ministry of Finance (verify)' },
  }),
  org({
    id: 'hoc-vien-chinh-tri-quoc-gia-ho-chi-minh',
    name: 'Học viện Chính trị quốc gia Hồ Chí Minh',
    englishName: 'Ho Chi Minh National Academy of Politics',
    aliases: ['HVCTQG Hồ Chí Minh', 'Học viện CTQG Hồ Chí Minh'],
    kind: 'government-agency',
    // Kept as a government member only until the 2025 reorganisation; it continues under the Party
    // Central Committee, which the directory does not model (verify the date).
    validTo: LAST_DAY_OLD_GOVERNMENT,
  }),
  org({
    id: 'uy-ban-quan-ly-von-nha-nuoc-tai-doanh-nghiep',
    name: 'Ủy ban Quản lý vốn nhà nước tại doanh nghiệp',
    englishName: 'Commission for the Management of State Capital at Enterprises',
    aliases: ['UBQLV', 'CMSC', 'Ủy ban Quản lý vốn nhà nước', 'Uỷ ban Quản lý vốn nhà nước tại doanh nghiệp'],
    kind: 'government-agency',
    validFrom: '2018-09-29', // Nghị định 131/2018/NĐ-CP (verify the start date)
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['bo-tai-chinh'],
    successorNotes: { 'bo-tai-chinh': 'state capital in enterprises transferred to the Ministry of Finance (verify)' },
  }),
];

// ——— Departments and bodies under ministries that documents name ———

const departments: ReferenceOrganization[] = [
  org({
    id: 'cuc-bao-chi-bo-tttt',
    name: 'Cục Báo chí',
    shortName: 'CBC',
    englishName: 'Press Department (Ministry of Information and Communications)',
    aliases: ['CBC', 'Cục Báo chí, Bộ Thông tin và Truyền thông', 'Cục Báo chí - Bộ TT&TT'],
    kind: 'department',
    parentId: 'bo-thong-tin-va-truyen-thong',
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['cuc-bao-chi'],
  }),
  org({
    id: 'cuc-bao-chi',
    name: 'Cục Báo chí',
    shortName: 'CBC',
    englishName: 'Press Department (Ministry of Culture, Sports and Tourism)',
    aliases: ['CBC', 'Cục Báo chí, Bộ Văn hóa, Thể thao và Du lịch'],
    kind: 'department',
    parentId: 'bo-van-hoa-the-thao-va-du-lich',
    validFrom: FIRST_DAY_NEW_GOVERNMENT,
    predecessors: ['cuc-bao-chi-bo-tttt'],
  }),
  org({
    id: 'cuc-thong-tin-co-so',
    name: 'Cục Thông tin cơ sở',
    shortName: 'TTCS',
    englishName: 'Department of Grassroots Information',
    aliases: ['TTCS', 'Cục TTCS'],
    kind: 'department',
    parentId: 'bo-thong-tin-va-truyen-thong',
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['cuc-thong-tin-co-so-va-thong-tin-doi-ngoai'],
  }),
  org({
    id: 'cuc-thong-tin-doi-ngoai',
    name: 'Cục Thông tin đối ngoại',
    shortName: 'TTĐN',
    englishName: 'Department of External Information',
    aliases: ['TTĐN', 'Cục TTĐN'],
    kind: 'department',
    parentId: 'bo-thong-tin-va-truyen-thong',
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['cuc-thong-tin-co-so-va-thong-tin-doi-ngoai'],
  }),
  org({
    id: 'cuc-thong-tin-co-so-va-thong-tin-doi-ngoai',
    name: 'Cục Thông tin cơ sở và Thông tin đối ngoại',
    englishName: 'Department of Grassroots and External Information',
    aliases: ['Cục TTCS&TTĐN', 'Cục TTCS và TTĐN'],
    kind: 'department',
    parentId: 'bo-van-hoa-the-thao-va-du-lich',
    validFrom: FIRST_DAY_NEW_GOVERNMENT,
    predecessors: ['cuc-thong-tin-co-so', 'cuc-thong-tin-doi-ngoai'],
  }),
  org({
    id: 'cuc-phat-thanh-truyen-hinh-va-thong-tin-dien-tu-bo-tttt',
    name: 'Cục Phát thanh, truyền hình và thông tin điện tử',
    shortName: 'PTTH&TTĐT',
    englishName: 'Authority of Broadcasting and Electronic Information (MIC)',
    aliases: ['PTTH&TTĐT', 'Cục PTTH&TTĐT', 'ABEI'],
    kind: 'department',
    parentId: 'bo-thong-tin-va-truyen-thong',
    validTo: LAST_DAY_OLD_GOVERNMENT,
    successors: ['cuc-phat-thanh-truyen-hinh-va-thong-tin-dien-tu'],
  }),
  org({
    id: 'cuc-phat-thanh-truyen-hinh-va-thong-tin-dien-tu',
    name: 'Cục Phát thanh, truyền hình và thông tin điện tử',
    shortName: 'PTTH&TTĐT',
    englishName: 'Authority of Broadcasting and Electronic Information (MCST)',
    aliases: ['PTTH&TTĐT', 'Cục PTTH&TTĐT', 'ABEI'],
    kind: 'department',
    parentId: 'bo-van-hoa-the-thao-va-du-lich',
    validFrom: FIRST_DAY_NEW_GOVERNMENT,
    predecessors: ['cuc-phat-thanh-truyen-hinh-va-thong-tin-dien-tu-bo-tttt'],
  }),
  org({
    id: 'ban-quan-ly-lang-chu-tich-ho-chi-minh',
    name: 'Ban Quản lý Lăng Chủ tịch Hồ Chí Minh',
    englishName: 'Ho Chi Minh Mausoleum Management Board',
    aliases: ['Ban Quản lý Lăng'],
    kind: 'department',
    parentId: 'bo-quoc-phong',
    validFrom: FIRST_DAY_NEW_GOVERNMENT,
    predecessors: ['ban-quan-ly-lang-chu-tich-ho-chi-minh-cp'],
  }),
  org({
    id: 'bao-hiem-xa-hoi-viet-nam',
    name: 'Bảo hiểm xã hội Việt Nam',
    shortName: 'BHXH Việt Nam',
    englishName: 'Vietnam Social Security',
    aliases: ['BHXH Việt Nam', 'BHXHVN', 'VSS'],
    kind: 'department',
    parentId: 'bo-tai-chinh',
    validFrom: FIRST_DAY_NEW_GOVERNMENT,
    predecessors: ['bao-hiem-xa-hoi-viet-nam-cp'],
  }),
];

// ——— Provinces: the 63 of 2008–2025 and the 34 from 2025-07-01 ———

interface ProvinceSpec {
  /** Bare Vietnamese name without "tỉnh"/"thành phố". */
  name: string;
  englishName: string;
  isCity?: boolean;
  /** For an absorbed province: the id-name of the province it merged into on 2025-07-01. */
  mergedInto?: string;
}

/** The 63 provincial-level units in force until 2025-06-30 (Thừa Thiên Huế is handled separately). */
const provinces63: ProvinceSpec[] = [
  { name: 'Hà Nội', englishName: 'Hanoi', isCity: true },
  { name: 'Hà Giang', englishName: 'Ha Giang Province', mergedInto: 'Tuyên Quang' },
  { name: 'Cao Bằng', englishName: 'Cao Bang Province' },
  { name: 'Bắc Kạn', englishName: 'Bac Kan Province', mergedInto: 'Thái Nguyên' },
  { name: 'Tuyên Quang', englishName: 'Tuyen Quang Province' },
  { name: 'Lào Cai', englishName: 'Lao Cai Province' },
  { name: 'Điện Biên', englishName: 'Dien Bien Province' },
  { name: 'Lai Châu', englishName: 'Lai Chau Province' },
  { name: 'Sơn La', englishName: 'Son La Province' },
  { name: 'Yên Bái', englishName: 'Yen Bai Province', mergedInto: 'Lào Cai' },
  { name: 'Hòa Bình', englishName: 'Hoa Binh Province', mergedInto: 'Phú Thọ' },
  { name: 'Thái Nguyên', englishName: 'Thai Nguyen Province' },
  { name: 'Lạng Sơn', englishName: 'Lang Son Province' },
  { name: 'Quảng Ninh', englishName: 'Quang Ninh Province' },
  { name: 'Bắc Giang', englishName: 'Bac Giang Province', mergedInto: 'Bắc Ninh' },
  { name: 'Phú Thọ', englishName: 'Phu Tho Province' },
  { name: 'Vĩnh Phúc', englishName: 'Vinh Phuc Province', mergedInto: 'Phú Thọ' },
  { name: 'Bắc Ninh', englishName: 'Bac Ninh Province' },
  { name: 'Hải Dương', englishName: 'Hai Duong Province', mergedInto: 'Hải Phòng' },
  { name: 'Hải Phòng', englishName: 'Hai Phong City', isCity: true },
  { name: 'Hưng Yên', englishName: 'Hung Yen Province' },
  { name: 'Thái Bình', englishName: 'Thai Binh Province', mergedInto: 'Hưng Yên' },
  { name: 'Hà Nam', englishName: 'Ha Nam Province', mergedInto: 'Ninh Bình' },
  { name: 'Nam Định', englishName: 'Nam Dinh Province', mergedInto: 'Ninh Bình' },
  { name: 'Ninh Bình', englishName: 'Ninh Binh Province' },
  { name: 'Thanh Hóa', englishName: 'Thanh Hoa Province' },
  { name: 'Nghệ An', englishName: 'Nghe An Province' },
  { name: 'Hà Tĩnh', englishName: 'Ha Tinh Province' },
  { name: 'Quảng Bình', englishName: 'Quang Binh Province', mergedInto: 'Quảng Trị' },
  { name: 'Quảng Trị', englishName: 'Quang Tri Province' },
  { name: 'Đà Nẵng', englishName: 'Da Nang City', isCity: true },
  { name: 'Quảng Nam', englishName: 'Quang Nam Province', mergedInto: 'Đà Nẵng' },
  { name: 'Quảng Ngãi', englishName: 'Quang Ngai Province' },
  { name: 'Bình Định', englishName: 'Binh Dinh Province', mergedInto: 'Gia Lai' },
  { name: 'Phú Yên', englishName: 'Phu Yen Province', mergedInto: 'Đắk Lắk' },
  { name: 'Khánh Hòa', englishName: 'Khanh Hoa Province' },
  { name: 'Ninh Thuận', englishName: 'Ninh Thuan Province', mergedInto: 'Khánh Hòa' },
  { name: 'Bình Thuận', englishName: 'Binh Thuan Province', mergedInto: 'Lâm Đồng' },
  { name: 'Kon Tum', englishName: 'Kon Tum Province', mergedInto: 'Quảng Ngãi' },
  { name: 'Gia Lai', englishName: 'Gia Lai Province' },
  { name: 'Đắk Lắk', englishName: 'Dak Lak Province' },
  { name: 'Đắk Nông', englishName: 'Dak Nong Province', mergedInto: 'Lâm Đồng' },
  { name: 'Lâm Đồng', englishName: 'Lam Dong Province' },
  { name: 'Bình Phước', englishName: 'Binh Phuoc Province', mergedInto: 'Đồng Nai' },
  { name: 'Tây Ninh', englishName: 'Tay Ninh Province' },
  { name: 'Bình Dương', englishName: 'Binh Duong Province', mergedInto: 'Hồ Chí Minh' },
  { name: 'Đồng Nai', englishName: 'Dong Nai Province' },
  { name: 'Bà Rịa - Vũng Tàu', englishName: 'Ba Ria - Vung Tau Province', mergedInto: 'Hồ Chí Minh' },
  { name: 'Hồ Chí Minh', englishName: 'Ho Chi Minh City', isCity: true },
  { name: 'Long An', englishName: 'Long An Province', mergedInto: 'Tây Ninh' },
  { name: 'Tiền Giang', englishName: 'Tien Giang Province', mergedInto: 'Đồng Tháp' },
  { name: 'Bến Tre', englishName: 'Ben Tre Province', mergedInto: 'Vĩnh Long' },
  { name: 'Trà Vinh', englishName: 'Tra Vinh Province', mergedInto: 'Vĩnh Long' },
  { name: 'Vĩnh Long', englishName: 'Vinh Long Province' },
  { name: 'Đồng Tháp', englishName: 'Dong Thap Province' },
  { name: 'An Giang', englishName: 'An Giang Province' },
  { name: 'Kiên Giang', englishName: 'Kien Giang Province', mergedInto: 'An Giang' },
  { name: 'Cần Thơ', englishName: 'Can Tho City', isCity: true },
  { name: 'Hậu Giang', englishName: 'Hau Giang Province', mergedInto: 'Cần Thơ' },
  { name: 'Sóc Trăng', englishName: 'Soc Trang Province', mergedInto: 'Cần Thơ' },
  { name: 'Bạc Liêu', englishName: 'Bac Lieu Province', mergedInto: 'Cà Mau' },
  { name: 'Cà Mau', englishName: 'Ca Mau Province' },
];

/**
 * Status changes after 2025-07-01: provinces that became centrally-run cities. The count stays 34.
 * Sources: /work/shared/reference/organizations.md; all three are marked (verify) in docs/reference-data.md.
 */
const laterCityStatus: Record<string, { from: string; basis: string }> = {
  'Đồng Nai': { from: '2026-04-30', basis: 'Nghị quyết 30/2026/QH16 (verify)' },
  'Quảng Ninh': { from: '2026-09-01', basis: '(verify)' },
  'Bắc Ninh': { from: '2026-09-20', basis: '(verify)' },
};

/** Lower-case ASCII slug: "Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau". */
export function slugifyVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function provinceId(name: string, isCity: boolean): string {
  return `${isCity ? 'thanh-pho' : 'tinh'}-${slugifyVietnamese(name)}`;
}

/** Aliases documents use for a provincial unit and its People's Committee. */
function provinceAliases(name: string, isCity: boolean): string[] {
  const variants = [name];
  if (name === 'Hồ Chí Minh') variants.push('TP.HCM', 'TPHCM', 'TP. HCM', 'HCM', 'Sài Gòn');
  if (name.includes(' - ')) variants.push(name.replace(' - ', '-'), name.replace(' - ', ' – '));
  const aliases: string[] = [];
  for (const variant of variants) {
    const heads = isCity ? ['thành phố', 'TP.', 'TP'] : ['tỉnh'];
    aliases.push(variant);
    for (const head of heads) {
      aliases.push(`${head} ${variant}`);
      aliases.push(`UBND ${head} ${variant}`);
      aliases.push(`Ủy ban nhân dân ${head} ${variant}`);
    }
  }
  return aliases;
}

function buildProvinces(): ReferenceOrganization[] {
  const records: ReferenceOrganization[] = [];
  const byName = new Map(provinces63.map((spec) => [spec.name, spec]));
  const absorbedBy = new Map<string, string[]>();
  for (const spec of provinces63) {
    if (spec.mergedInto) absorbedBy.set(spec.mergedInto, [...(absorbedBy.get(spec.mergedInto) ?? []), spec.name]);
  }

  for (const spec of provinces63) {
    const isCity = Boolean(spec.isCity);
    const id = provinceId(spec.name, isCity);
    const head = isCity ? 'Thành phố' : 'Tỉnh';
    if (spec.mergedInto) {
      const target = byName.get(spec.mergedInto);
      if (!target) throw new Error(`unknown merger target ${spec.mergedInto}`);
      records.push(
        org({
          id,
          name: `${head} ${spec.name}`,
          shortName: spec.name,
          englishName: spec.englishName,
          aliases: provinceAliases(spec.name, isCity),
          kind: 'province',
          validTo: LAST_DAY_OLD_PROVINCES,
          successors: [provinceId(target.name, Boolean(target.isCity))],
          basis: PROVINCES_2025,
        }),
      );
      continue;
    }
    const later = laterCityStatus[spec.name];
    const cityStatus: CityStatusPeriod[] = isCity
      ? [{ from: null, to: null, status: 'centrally-run-city', name: `Thành phố ${spec.name}` }]
      : later
        ? [
            { from: null, to: dayBefore(later.from), status: 'province', name: `Tỉnh ${spec.name}` },
            { from: later.from, to: null, status: 'centrally-run-city', name: `Thành phố ${spec.name}`, basis: later.basis },
          ]
        : [{ from: null, to: null, status: 'province', name: `Tỉnh ${spec.name}` }];
    const absorbed = absorbedBy.get(spec.name) ?? [];
    records.push(
      org({
        // The id keeps "tinh-" for a province that later became a city: ids are stable.
        id,
        name: cityStatus[cityStatus.length - 1]!.name,
        shortName: spec.name,
        englishName: later ? `${spec.englishName.replace(/ Province$/, '')} City` : spec.englishName,
        aliases: [...provinceAliases(spec.name, isCity), ...(later ? provinceAliases(spec.name, true) : [])],
        kind: 'province',
        predecessors: absorbed.map((name) => provinceId(name, Boolean(byName.get(name)?.isCity))),
        cityStatus,
        basis: absorbed.length > 0 ? PROVINCES_2025 : undefined,
      }),
    );
  }

  // Thừa Thiên Huế became the centrally-run Thành phố Huế on 2025-01-01 and was not merged on 2025-07-01.
  records.push(
    org({
      id: 'tinh-thua-thien-hue',
      name: 'Tỉnh Thừa Thiên Huế',
      shortName: 'Thừa Thiên Huế',
      englishName: 'Thua Thien Hue Province',
      aliases: provinceAliases('Thừa Thiên Huế', false),
      kind: 'province',
      validTo: '2024-12-31',
      successors: ['thanh-pho-hue'],
      basis: 'Nghị quyết 175/2024/QH15, from 2025-01-01',
    }),
    org({
      id: 'thanh-pho-hue',
      name: 'Thành phố Huế',
      shortName: 'Huế',
      englishName: 'Hue City',
      aliases: provinceAliases('Huế', true),
      kind: 'province',
      validFrom: '2025-01-01',
      predecessors: ['tinh-thua-thien-hue'],
      cityStatus: [
        { from: '2025-01-01', to: null, status: 'centrally-run-city', name: 'Thành phố Huế', basis: 'Nghị quyết 175/2024/QH15' },
      ],
      basis: 'Nghị quyết 175/2024/QH15, from 2025-01-01',
    }),
  );
  return records;
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

// ——— Major central press agencies (VTV, VOV and TTXVN are government agencies with isPress) ———

function press(id: string, name: string, englishName: string, aliases: string[], parentId?: string): ReferenceOrganization {
  return org({ id, name, englishName, aliases, kind: 'press-agency', parentId });
}

const pressAgencies: ReferenceOrganization[] = [
  press('bao-nhan-dan', 'Báo Nhân Dân', 'Nhan Dan newspaper', ['Nhân Dân', 'Báo Nhân dân', 'nhandan.vn']),
  press(
    'bao-quan-doi-nhan-dan',
    'Báo Quân đội nhân dân',
    'People’s Army newspaper',
    ['QĐND', 'Báo QĐND', 'Quân đội nhân dân', 'qdnd.vn'],
    'bo-quoc-phong',
  ),
  press(
    'bao-cong-an-nhan-dan',
    'Báo Công an nhân dân',
    'People’s Public Security newspaper',
    ['CAND', 'Báo CAND', 'Công an nhân dân', 'cand.com.vn'],
    'bo-cong-an',
  ),
  press('bao-lao-dong', 'Báo Lao Động', 'Lao Dong newspaper', ['Lao Động', 'laodong.vn']),
  press('bao-nguoi-lao-dong', 'Báo Người Lao Động', 'Nguoi Lao Dong newspaper', ['Người Lao Động', 'NLĐ', 'nld.com.vn']),
  press('bao-tien-phong', 'Báo Tiền Phong', 'Tien Phong newspaper', ['Tiền Phong', 'tienphong.vn']),
  press('bao-thanh-nien', 'Báo Thanh Niên', 'Thanh Nien newspaper', ['Thanh Niên', 'thanhnien.vn']),
  press('bao-tuoi-tre', 'Báo Tuổi Trẻ', 'Tuoi Tre newspaper', ['Tuổi Trẻ', 'tuoitre.vn']),
  press('bao-dien-tu-vnexpress', 'Báo điện tử VnExpress', 'VnExpress', ['VnExpress', 'vnexpress.net']),
  press(
    'bao-dien-tu-vietnamplus',
    'Báo điện tử VietnamPlus',
    'VietnamPlus',
    ['VietnamPlus', 'vietnamplus.vn'],
    'thong-tan-xa-viet-nam',
  ),
  press('bao-vietnamnet', 'Báo VietNamNet', 'VietNamNet', ['VietNamNet', 'Vietnamnet', 'vietnamnet.vn']),
  press('bao-dan-tri', 'Báo Dân trí', 'Dan Tri newspaper', ['Dân trí', 'Dân Trí', 'dantri.com.vn']),
  press(
    'bao-dien-tu-chinh-phu',
    'Báo Điện tử Chính phủ',
    'Government News (baochinhphu.vn)',
    ['Báo Chính phủ', 'Cổng Thông tin điện tử Chính phủ', 'Cổng TTĐT Chính phủ', 'baochinhphu.vn'],
    'van-phong-chinh-phu',
  ),
  press('tap-chi-cong-san', 'Tạp chí Cộng sản', 'Communist Review', ['Tạp chí Cộng sản', 'tapchicongsan.org.vn']),
  press('bao-sai-gon-giai-phong', 'Báo Sài Gòn Giải Phóng', 'Saigon Giai Phong newspaper', [
    'SGGP',
    'Sài Gòn Giải Phóng',
    'sggp.org.vn',
  ]),
  press('bao-dai-doan-ket', 'Báo Đại Đoàn Kết', 'Dai Doan Ket newspaper', ['Đại Đoàn Kết', 'daidoanket.vn']),
  press(
    'bao-phap-luat-viet-nam',
    'Báo Pháp luật Việt Nam',
    'Vietnam Law newspaper',
    ['Pháp luật Việt Nam', 'baophapluat.vn'],
    'bo-tu-phap',
  ),
  press(
    'bao-giao-duc-va-thoi-dai',
    'Báo Giáo dục và Thời đại',
    'Education and Times newspaper',
    ['Giáo dục và Thời đại', 'giaoducthoidai.vn'],
    'bo-giao-duc-va-dao-tao',
  ),
  press(
    'bao-suc-khoe-va-doi-song',
    'Báo Sức khỏe và Đời sống',
    'Health and Life newspaper',
    ['Sức khỏe và Đời sống', 'suckhoedoisong.vn'],
    'bo-y-te',
  ),
];

/** Every reference organization, each id unique; links are symmetric (checked by the unit tests). */
export const referenceOrganizations: ReferenceOrganization[] = [
  ...government,
  ...ministries,
  ...formerMinistries,
  ...ministerialAgencies,
  ...governmentAgencies,
  ...departments,
  ...buildProvinces(),
  ...pressAgencies,
];

export interface ReferenceOrganizationLink {
  predecessorId: string;
  successorId: string;
  /** First day the successor carries the work: the day after the predecessor's last valid day. */
  effectiveOn: string | null;
  note: string | null;
}

/** The predecessor → successor links as rows, ready for the `organization_links` table. */
export const referenceOrganizationLinks: ReferenceOrganizationLink[] = referenceOrganizations.flatMap((predecessor) =>
  predecessor.successors.map((successorId) => ({
    predecessorId: predecessor.id,
    successorId,
    effectiveOn: predecessor.validTo ? nextDay(predecessor.validTo) : null,
    note: predecessor.successorNotes?.[successorId] ?? null,
  })),
);

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
