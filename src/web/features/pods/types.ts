export interface Pod {
  id: string;
  name: string;
  slug: string;
  leadUser: { id: string; name: string } | null;
  memberCount: number;
  createdAt: string;
}

export interface PodInput {
  name?: string;
  slug?: string;
  leadUserId?: string | null;
}
