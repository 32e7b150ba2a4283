/**
 * Public RSS feeds of major Vietnamese outlets, shipped disabled: an administrator enables each with one
 * click. URLs are the outlets' published RSS endpoints (their "RSS" pages); outlets change them, and a
 * failing feed shows in source health.
 */
export const defaultSources: { name: string; kind: 'feed'; url: string }[] = [
  { name: 'VnExpress — Tin mới nhất', kind: 'feed', url: 'https://vnexpress.net/rss/tin-moi-nhat.rss' },
  { name: 'VnExpress — Thời sự', kind: 'feed', url: 'https://vnexpress.net/rss/thoi-su.rss' },
  { name: 'Tuổi Trẻ — Tin mới nhất', kind: 'feed', url: 'https://tuoitre.vn/rss/tin-moi-nhat.rss' },
  { name: 'Thanh Niên — Thời sự', kind: 'feed', url: 'https://thanhnien.vn/rss/thoi-su.rss' },
  { name: 'Dân trí — Xã hội', kind: 'feed', url: 'https://dantri.com.vn/rss/xa-hoi.rss' },
  { name: 'VietnamNet — Thời sự', kind: 'feed', url: 'https://vietnamnet.vn/rss/thoi-su.rss' },
  { name: 'Người Lao Động — Thời sự', kind: 'feed', url: 'https://nld.com.vn/rss/thoi-su.rss' },
  { name: 'Báo Nhân Dân — Chính trị', kind: 'feed', url: 'https://nhandan.vn/rss/chinhtri.rss' },
  { name: 'VTV — Chính trị', kind: 'feed', url: 'https://vtv.vn/rss/chinh-tri.rss' },
  { name: 'Báo Chính phủ — Thời sự', kind: 'feed', url: 'https://baochinhphu.vn/rss/thoi-su.rss' },
  { name: 'Tiền Phong — Thời sự', kind: 'feed', url: 'https://tienphong.vn/rss/xa-hoi-2.rss' },
  { name: 'Lao Động — Thời sự', kind: 'feed', url: 'https://laodong.vn/rss/thoi-su.rss' },
  { name: 'ZNews — Thời sự', kind: 'feed', url: 'https://znews.vn/rss/xa-hoi.rss' },
  { name: 'VOV — Chính trị', kind: 'feed', url: 'https://vov.vn/rss/chinh-tri.rss' },
];
