import type { FormDefinitionInput } from '../form-model';

/**
 * The quick capacity survey attached to letter 837/BTTTT-CBC (9 March 2022): the policy-communication unit,
 * its staff, spokesperson and focal point, plan, participation in policy drafting, budget, monitoring tools,
 * crisis procedure and needs for support. Question ids are stable: exports and the directory feed rely on them.
 */
export const capacity837Template = {
  key: 'capacity-837',
  title: 'Khảo sát nhanh về công tác truyền thông chính sách (Công văn 837/BTTTT-CBC)',
  description:
    'Rà soát, kiện toàn đội ngũ làm công tác truyền thông chính sách tại các bộ, ngành, địa phương theo Công văn số 837/BTTTT-CBC ngày 09/3/2022 của Bộ Thông tin và Truyền thông.',
  allowsPublic: true,
  definition: {
    sections: [
      {
        id: 'unit',
        title: 'I. Bộ phận và nhân sự làm công tác truyền thông chính sách',
        questions: [
          {
            id: 'unit_exists',
            type: 'yes-no',
            label: 'Cơ quan có bộ phận chuyên trách làm công tác truyền thông chính sách không?',
            required: true,
            directoryField: 'unitIsDedicated',
          },
          {
            id: 'unit_name',
            type: 'short-text',
            label: 'Tên bộ phận chuyên trách',
            help: 'Ví dụ: Phòng Thông tin - Truyền thông thuộc Văn phòng UBND tỉnh',
            required: true,
            visibleIf: { questionId: 'unit_exists', equals: true },
            directoryField: 'unitName',
          },
          {
            id: 'staff_dedicated',
            type: 'number',
            label: 'Số cán bộ chuyên trách',
            unit: 'người',
            min: 0,
            max: 10000,
            isInteger: true,
            required: true,
            directoryField: 'staffDedicated',
          },
          {
            id: 'staff_part_time',
            type: 'number',
            label: 'Số cán bộ kiêm nhiệm',
            unit: 'người',
            min: 0,
            max: 10000,
            isInteger: true,
            required: true,
            directoryField: 'staffPartTime',
          },
          {
            id: 'staff_by_role',
            type: 'table',
            label: 'Cơ cấu nhân sự theo vị trí',
            help: 'Số người theo vị trí công việc (chuyên trách / kiêm nhiệm).',
            rows: [
              { id: 'leader', label: 'Lãnh đạo' },
              { id: 'specialist', label: 'Chuyên viên' },
              { id: 'technical', label: 'Kỹ thuật, công nghệ thông tin' },
            ],
            columns: [
              { id: 'dedicated', label: 'Chuyên trách', type: 'number', unit: 'người' },
              { id: 'part_time', label: 'Kiêm nhiệm', type: 'number', unit: 'người' },
            ],
          },
          {
            id: 'staff_trained_12m',
            type: 'number',
            label: 'Số cán bộ được đào tạo, tập huấn về truyền thông chính sách trong 12 tháng qua',
            unit: 'người',
            min: 0,
            max: 10000,
            isInteger: true,
            required: true,
          },
        ],
      },
      {
        id: 'people',
        title: 'II. Người phát ngôn và đầu mối liên hệ',
        description: 'Thông tin cá nhân chỉ cơ quan điều phối và cơ quan trả lời được xem.',
        questions: [
          { id: 'spokesperson', type: 'contact', label: 'Người phát ngôn', required: true, directoryField: 'spokesperson' },
          {
            id: 'focal_point',
            type: 'contact',
            label: 'Đầu mối liên hệ, phối hợp với Bộ Thông tin và Truyền thông',
            required: true,
            directoryField: 'focalPoint',
          },
        ],
      },
      {
        id: 'practice',
        title: 'III. Kế hoạch, quy trình và nguồn lực',
        questions: [
          {
            id: 'annual_plan',
            type: 'yes-no',
            label: 'Cơ quan đã ban hành kế hoạch truyền thông chính sách hằng năm chưa?',
            required: true,
          },
          {
            id: 'annual_plan_issued_on',
            type: 'date',
            label: 'Ngày ban hành kế hoạch',
            visibleIf: { questionId: 'annual_plan', equals: true },
          },
          {
            id: 'annual_plan_file',
            type: 'file',
            label: 'Tệp kế hoạch (nếu có)',
            visibleIf: { questionId: 'annual_plan', equals: true },
            accept: ['pdf', 'doc', 'docx'],
            maxBytes: 10_000_000,
          },
          {
            id: 'drafting_participation',
            type: 'single-choice',
            label: 'Bộ phận truyền thông có tham gia vào quá trình soạn thảo chính sách không?',
            required: true,
            options: [
              { value: 'always', label: 'Thường xuyên, từ khi soạn thảo' },
              { value: 'sometimes', label: 'Có, nhưng không thường xuyên' },
              { value: 'never', label: 'Không tham gia' },
            ],
          },
          {
            id: 'budget_amount',
            type: 'number',
            label: 'Kinh phí cho truyền thông chính sách năm gần nhất',
            unit: 'triệu đồng',
            min: 0,
            required: true,
          },
          {
            id: 'budget_sources',
            type: 'multiple-choice',
            label: 'Nguồn kinh phí',
            options: [
              { value: 'state_budget', label: 'Ngân sách nhà nước' },
              { value: 'socialised', label: 'Xã hội hóa' },
              { value: 'other', label: 'Nguồn khác' },
            ],
          },
          {
            id: 'monitoring_tools',
            type: 'multiple-choice',
            label: 'Công cụ theo dõi báo chí, mạng xã hội đang sử dụng',
            required: true,
            options: [
              { value: 'none', label: 'Chưa có' },
              { value: 'in_house', label: 'Hệ thống tự xây dựng' },
              { value: 'hired_service', label: 'Thuê dịch vụ' },
              { value: 'manual', label: 'Theo dõi thủ công' },
            ],
          },
          {
            id: 'crisis_procedure',
            type: 'yes-no',
            label: 'Cơ quan đã có quy trình xử lý khủng hoảng truyền thông chưa?',
            required: true,
          },
          {
            id: 'support_needs',
            type: 'long-text',
            label: 'Nhu cầu hỗ trợ từ Bộ Thông tin và Truyền thông',
            help: 'Đào tạo, tập huấn; công cụ; kinh phí; hướng dẫn nghiệp vụ …',
            maxLength: 5000,
          },
        ],
      },
    ],
  } satisfies FormDefinitionInput,
};
