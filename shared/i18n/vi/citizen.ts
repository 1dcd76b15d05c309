/** Vietnamese strings for the citizen's own rating screen (second tab or window, narrow pass). Part of `vi`. */

export const citizenVi = {
citizen: {
  passExpired: 'Phiên đánh giá đã kết thúc hoặc đã hết hạn. Xin mời Ông/Bà hỏi cán bộ tại quầy nếu muốn đánh giá.',
  onlyRating: 'Màn hình đánh giá của người dân chỉ xem được hồ sơ vừa trả và gửi đánh giá cho hồ sơ đó.',
  needsPass: 'Chức năng này chỉ dành cho màn hình đánh giá của người dân, mở từ quầy khi trả kết quả.',
  notAwaitingRating: (code: string) => `Hồ sơ ${code} không chờ đánh giá (chưa trả kết quả hoặc đã được đánh giá).`,
  openButton: 'Mời người dân tự đánh giá (màn hình thứ hai)',
  openedTab: (code: string) => `Đã mở màn hình đánh giá hồ sơ ${code} trên thẻ mới. Quay thẻ đó về phía người dân.`,
  openedWindow: (code: string) => `Đã mở màn hình đánh giá hồ sơ ${code} trên cửa sổ thứ hai.`,
  closeHint: 'Ông/Bà có thể đóng trang này.',
  title: 'Đánh giá mức độ hài lòng',
},
} as const;
