/* eslint-disable */

export type UserWhereUniqueInput = {
  readonly id?: string | null
  readonly slug?: string | null
  readonly email?: string | null
}

export type UserWhereInput = {
  readonly AND?: ReadonlyArray<UserWhereInput> | UserWhereInput | null
  readonly OR?: ReadonlyArray<UserWhereInput> | UserWhereInput | null
  readonly NOT?: ReadonlyArray<UserWhereInput> | UserWhereInput | null
  readonly id?: IDFilter | null
  readonly name?: StringFilter | null
  readonly slug?: StringFilter | null
  readonly email?: StringFilter | null
  readonly role?: StringFilter | null
  readonly bio?: StringFilter | null
  readonly xHandle?: StringFilter | null
  readonly posts?: PostManyRelationFilter | null
  readonly interviews?: InterviewManyRelationFilter | null
}

export type IDFilter = {
  readonly equals?: string | null
  readonly in?: ReadonlyArray<string> | string | null
  readonly notIn?: ReadonlyArray<string> | string | null
  readonly lt?: string | null
  readonly lte?: string | null
  readonly gt?: string | null
  readonly gte?: string | null
  readonly not?: IDFilter | null
}

export type StringFilter = {
  readonly equals?: string | null
  readonly in?: ReadonlyArray<string> | string | null
  readonly notIn?: ReadonlyArray<string> | string | null
  readonly lt?: string | null
  readonly lte?: string | null
  readonly gt?: string | null
  readonly gte?: string | null
  readonly contains?: string | null
  readonly startsWith?: string | null
  readonly endsWith?: string | null
  readonly not?: NestedStringFilter | null
}

export type NestedStringFilter = {
  readonly equals?: string | null
  readonly in?: ReadonlyArray<string> | string | null
  readonly notIn?: ReadonlyArray<string> | string | null
  readonly lt?: string | null
  readonly lte?: string | null
  readonly gt?: string | null
  readonly gte?: string | null
  readonly contains?: string | null
  readonly startsWith?: string | null
  readonly endsWith?: string | null
  readonly not?: NestedStringFilter | null
}

export type PostManyRelationFilter = {
  readonly every?: PostWhereInput | null
  readonly some?: PostWhereInput | null
  readonly none?: PostWhereInput | null
}

export type InterviewManyRelationFilter = {
  readonly every?: InterviewWhereInput | null
  readonly some?: InterviewWhereInput | null
  readonly none?: InterviewWhereInput | null
}

export type UserOrderByInput = {
  readonly id?: OrderDirection | null
  readonly name?: OrderDirection | null
  readonly slug?: OrderDirection | null
  readonly email?: OrderDirection | null
  readonly role?: OrderDirection | null
  readonly bio?: OrderDirection | null
  readonly xHandle?: OrderDirection | null
}

export type OrderDirection =
  | 'asc'
  | 'desc'

export type UserUpdateInput = {
  readonly name?: string | null
  readonly slug?: string | null
  readonly email?: string | null
  readonly password?: string | null
  readonly role?: string | null
  readonly bio?: string | null
  readonly xHandle?: string | null
  readonly posts?: PostRelateToManyForUpdateInput | null
  readonly interviews?: InterviewRelateToManyForUpdateInput | null
}

export type PostRelateToManyForUpdateInput = {
  readonly disconnect?: ReadonlyArray<PostWhereUniqueInput> | PostWhereUniqueInput | null
  readonly set?: ReadonlyArray<PostWhereUniqueInput> | PostWhereUniqueInput | null
  readonly create?: ReadonlyArray<PostCreateInput> | PostCreateInput | null
  readonly connect?: ReadonlyArray<PostWhereUniqueInput> | PostWhereUniqueInput | null
}

export type InterviewRelateToManyForUpdateInput = {
  readonly disconnect?: ReadonlyArray<InterviewWhereUniqueInput> | InterviewWhereUniqueInput | null
  readonly set?: ReadonlyArray<InterviewWhereUniqueInput> | InterviewWhereUniqueInput | null
  readonly create?: ReadonlyArray<InterviewCreateInput> | InterviewCreateInput | null
  readonly connect?: ReadonlyArray<InterviewWhereUniqueInput> | InterviewWhereUniqueInput | null
}

export type UserUpdateArgs = {
  readonly where: UserWhereUniqueInput
  readonly data: UserUpdateInput
}

export type UserCreateInput = {
  readonly name?: string | null
  readonly slug?: string | null
  readonly email?: string | null
  readonly password?: string | null
  readonly role?: string | null
  readonly bio?: string | null
  readonly xHandle?: string | null
  readonly posts?: PostRelateToManyForCreateInput | null
  readonly interviews?: InterviewRelateToManyForCreateInput | null
}

export type PostRelateToManyForCreateInput = {
  readonly create?: ReadonlyArray<PostCreateInput> | PostCreateInput | null
  readonly connect?: ReadonlyArray<PostWhereUniqueInput> | PostWhereUniqueInput | null
  readonly set?: ReadonlyArray<PostWhereUniqueInput> | PostWhereUniqueInput | null
}

export type InterviewRelateToManyForCreateInput = {
  readonly create?: ReadonlyArray<InterviewCreateInput> | InterviewCreateInput | null
  readonly connect?: ReadonlyArray<InterviewWhereUniqueInput> | InterviewWhereUniqueInput | null
  readonly set?: ReadonlyArray<InterviewWhereUniqueInput> | InterviewWhereUniqueInput | null
}

export type ImageExtension =
  | 'jpg'
  | 'png'
  | 'webp'
  | 'gif'

export type PostWhereUniqueInput = {
  readonly id?: string | null
  readonly slug?: string | null
}

export type PostWhereInput = {
  readonly AND?: ReadonlyArray<PostWhereInput> | PostWhereInput | null
  readonly OR?: ReadonlyArray<PostWhereInput> | PostWhereInput | null
  readonly NOT?: ReadonlyArray<PostWhereInput> | PostWhereInput | null
  readonly id?: IDFilter | null
  readonly title?: StringFilter | null
  readonly slug?: StringFilter | null
  readonly kind?: StringFilter | null
  readonly status?: StringFilter | null
  readonly publishedAt?: DateTimeNullableFilter | null
  readonly author?: UserWhereInput | null
  readonly excerpt?: StringFilter | null
  readonly featuredImageAlt?: StringFilter | null
  readonly body?: StringFilter | null
  readonly bodyHtml?: StringFilter | null
  readonly tags?: TagManyRelationFilter | null
  readonly chatArchive?: ChatArchiveWhereInput | null
  readonly allowComments?: BooleanFilter | null
  readonly comments?: CommentManyRelationFilter | null
}

export type DateTimeNullableFilter = {
  readonly equals?: any | null
  readonly in?: ReadonlyArray<any> | any | null
  readonly notIn?: ReadonlyArray<any> | any | null
  readonly lt?: any | null
  readonly lte?: any | null
  readonly gt?: any | null
  readonly gte?: any | null
  readonly not?: DateTimeNullableFilter | null
}

export type TagManyRelationFilter = {
  readonly every?: TagWhereInput | null
  readonly some?: TagWhereInput | null
  readonly none?: TagWhereInput | null
}

export type BooleanFilter = {
  readonly equals?: boolean | null
  readonly not?: BooleanFilter | null
}

export type CommentManyRelationFilter = {
  readonly every?: CommentWhereInput | null
  readonly some?: CommentWhereInput | null
  readonly none?: CommentWhereInput | null
}

export type PostOrderByInput = {
  readonly id?: OrderDirection | null
  readonly title?: OrderDirection | null
  readonly slug?: OrderDirection | null
  readonly kind?: OrderDirection | null
  readonly status?: OrderDirection | null
  readonly publishedAt?: OrderDirection | null
  readonly excerpt?: OrderDirection | null
  readonly featuredImageAlt?: OrderDirection | null
  readonly body?: OrderDirection | null
  readonly bodyHtml?: OrderDirection | null
  readonly allowComments?: OrderDirection | null
}

export type PostUpdateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly kind?: string | null
  readonly status?: string | null
  readonly publishedAt?: any | null
  readonly author?: UserRelateToOneForUpdateInput | null
  readonly excerpt?: string | null
  readonly featuredImage?: ImageFieldInput | null
  readonly featuredImageAlt?: string | null
  readonly body?: string | null
  readonly bodyHtml?: string | null
  readonly bodyBlocks?: import('@keystone-6/core/types').JSONValue | null
  readonly tags?: TagRelateToManyForUpdateInput | null
  readonly chatArchive?: ChatArchiveRelateToOneForUpdateInput | null
  readonly allowComments?: boolean | null
  readonly comments?: CommentRelateToManyForUpdateInput | null
}

export type UserRelateToOneForUpdateInput = {
  readonly create?: UserCreateInput | null
  readonly connect?: UserWhereUniqueInput | null
  readonly disconnect?: boolean | null
}

export type ImageFieldInput = {
  readonly upload: any
}

export type TagRelateToManyForUpdateInput = {
  readonly disconnect?: ReadonlyArray<TagWhereUniqueInput> | TagWhereUniqueInput | null
  readonly set?: ReadonlyArray<TagWhereUniqueInput> | TagWhereUniqueInput | null
  readonly create?: ReadonlyArray<TagCreateInput> | TagCreateInput | null
  readonly connect?: ReadonlyArray<TagWhereUniqueInput> | TagWhereUniqueInput | null
}

export type ChatArchiveRelateToOneForUpdateInput = {
  readonly create?: ChatArchiveCreateInput | null
  readonly connect?: ChatArchiveWhereUniqueInput | null
  readonly disconnect?: boolean | null
}

export type CommentRelateToManyForUpdateInput = {
  readonly disconnect?: ReadonlyArray<CommentWhereUniqueInput> | CommentWhereUniqueInput | null
  readonly set?: ReadonlyArray<CommentWhereUniqueInput> | CommentWhereUniqueInput | null
  readonly create?: ReadonlyArray<CommentCreateInput> | CommentCreateInput | null
  readonly connect?: ReadonlyArray<CommentWhereUniqueInput> | CommentWhereUniqueInput | null
}

export type PostUpdateArgs = {
  readonly where: PostWhereUniqueInput
  readonly data: PostUpdateInput
}

export type PostCreateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly kind?: string | null
  readonly status?: string | null
  readonly publishedAt?: any | null
  readonly author?: UserRelateToOneForCreateInput | null
  readonly excerpt?: string | null
  readonly featuredImage?: ImageFieldInput | null
  readonly featuredImageAlt?: string | null
  readonly body?: string | null
  readonly bodyHtml?: string | null
  readonly bodyBlocks?: import('@keystone-6/core/types').JSONValue | null
  readonly tags?: TagRelateToManyForCreateInput | null
  readonly chatArchive?: ChatArchiveRelateToOneForCreateInput | null
  readonly allowComments?: boolean | null
  readonly comments?: CommentRelateToManyForCreateInput | null
}

export type UserRelateToOneForCreateInput = {
  readonly create?: UserCreateInput | null
  readonly connect?: UserWhereUniqueInput | null
}

export type TagRelateToManyForCreateInput = {
  readonly create?: ReadonlyArray<TagCreateInput> | TagCreateInput | null
  readonly connect?: ReadonlyArray<TagWhereUniqueInput> | TagWhereUniqueInput | null
  readonly set?: ReadonlyArray<TagWhereUniqueInput> | TagWhereUniqueInput | null
}

export type ChatArchiveRelateToOneForCreateInput = {
  readonly create?: ChatArchiveCreateInput | null
  readonly connect?: ChatArchiveWhereUniqueInput | null
}

export type CommentRelateToManyForCreateInput = {
  readonly create?: ReadonlyArray<CommentCreateInput> | CommentCreateInput | null
  readonly connect?: ReadonlyArray<CommentWhereUniqueInput> | CommentWhereUniqueInput | null
  readonly set?: ReadonlyArray<CommentWhereUniqueInput> | CommentWhereUniqueInput | null
}

export type InterviewWhereUniqueInput = {
  readonly id?: string | null
  readonly slug?: string | null
}

export type InterviewWhereInput = {
  readonly AND?: ReadonlyArray<InterviewWhereInput> | InterviewWhereInput | null
  readonly OR?: ReadonlyArray<InterviewWhereInput> | InterviewWhereInput | null
  readonly NOT?: ReadonlyArray<InterviewWhereInput> | InterviewWhereInput | null
  readonly id?: IDFilter | null
  readonly title?: StringFilter | null
  readonly slug?: StringFilter | null
  readonly status?: StringFilter | null
  readonly publishedAt?: DateTimeNullableFilter | null
  readonly author?: UserWhereInput | null
  readonly intervieweeName?: StringFilter | null
  readonly intervieweeRole?: StringFilter | null
  readonly intervieweeXHandle?: StringFilter | null
  readonly intervieweePhotoAlt?: StringFilter | null
  readonly featuredImageAlt?: StringFilter | null
  readonly introduction?: StringFilter | null
  readonly introductionHtml?: StringFilter | null
  readonly questions?: InterviewQuestionManyRelationFilter | null
  readonly tags?: TagManyRelationFilter | null
  readonly allowComments?: BooleanFilter | null
  readonly comments?: CommentManyRelationFilter | null
}

export type InterviewQuestionManyRelationFilter = {
  readonly every?: InterviewQuestionWhereInput | null
  readonly some?: InterviewQuestionWhereInput | null
  readonly none?: InterviewQuestionWhereInput | null
}

export type InterviewOrderByInput = {
  readonly id?: OrderDirection | null
  readonly title?: OrderDirection | null
  readonly slug?: OrderDirection | null
  readonly status?: OrderDirection | null
  readonly publishedAt?: OrderDirection | null
  readonly intervieweeName?: OrderDirection | null
  readonly intervieweeRole?: OrderDirection | null
  readonly intervieweeXHandle?: OrderDirection | null
  readonly intervieweePhotoAlt?: OrderDirection | null
  readonly featuredImageAlt?: OrderDirection | null
  readonly introduction?: OrderDirection | null
  readonly introductionHtml?: OrderDirection | null
  readonly allowComments?: OrderDirection | null
}

export type InterviewUpdateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly status?: string | null
  readonly publishedAt?: any | null
  readonly author?: UserRelateToOneForUpdateInput | null
  readonly intervieweeName?: string | null
  readonly intervieweeRole?: string | null
  readonly intervieweeXHandle?: string | null
  readonly intervieweePhoto?: ImageFieldInput | null
  readonly intervieweePhotoAlt?: string | null
  readonly featuredImage?: ImageFieldInput | null
  readonly featuredImageAlt?: string | null
  readonly introduction?: string | null
  readonly introductionHtml?: string | null
  readonly questions?: InterviewQuestionRelateToManyForUpdateInput | null
  readonly tags?: TagRelateToManyForUpdateInput | null
  readonly allowComments?: boolean | null
  readonly comments?: CommentRelateToManyForUpdateInput | null
}

export type InterviewQuestionRelateToManyForUpdateInput = {
  readonly disconnect?: ReadonlyArray<InterviewQuestionWhereUniqueInput> | InterviewQuestionWhereUniqueInput | null
  readonly set?: ReadonlyArray<InterviewQuestionWhereUniqueInput> | InterviewQuestionWhereUniqueInput | null
  readonly create?: ReadonlyArray<InterviewQuestionCreateInput> | InterviewQuestionCreateInput | null
  readonly connect?: ReadonlyArray<InterviewQuestionWhereUniqueInput> | InterviewQuestionWhereUniqueInput | null
}

export type InterviewUpdateArgs = {
  readonly where: InterviewWhereUniqueInput
  readonly data: InterviewUpdateInput
}

export type InterviewCreateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly status?: string | null
  readonly publishedAt?: any | null
  readonly author?: UserRelateToOneForCreateInput | null
  readonly intervieweeName?: string | null
  readonly intervieweeRole?: string | null
  readonly intervieweeXHandle?: string | null
  readonly intervieweePhoto?: ImageFieldInput | null
  readonly intervieweePhotoAlt?: string | null
  readonly featuredImage?: ImageFieldInput | null
  readonly featuredImageAlt?: string | null
  readonly introduction?: string | null
  readonly introductionHtml?: string | null
  readonly questions?: InterviewQuestionRelateToManyForCreateInput | null
  readonly tags?: TagRelateToManyForCreateInput | null
  readonly allowComments?: boolean | null
  readonly comments?: CommentRelateToManyForCreateInput | null
}

export type InterviewQuestionRelateToManyForCreateInput = {
  readonly create?: ReadonlyArray<InterviewQuestionCreateInput> | InterviewQuestionCreateInput | null
  readonly connect?: ReadonlyArray<InterviewQuestionWhereUniqueInput> | InterviewQuestionWhereUniqueInput | null
  readonly set?: ReadonlyArray<InterviewQuestionWhereUniqueInput> | InterviewQuestionWhereUniqueInput | null
}

export type InterviewQuestionWhereUniqueInput = {
  readonly id?: string | null
}

export type InterviewQuestionWhereInput = {
  readonly AND?: ReadonlyArray<InterviewQuestionWhereInput> | InterviewQuestionWhereInput | null
  readonly OR?: ReadonlyArray<InterviewQuestionWhereInput> | InterviewQuestionWhereInput | null
  readonly NOT?: ReadonlyArray<InterviewQuestionWhereInput> | InterviewQuestionWhereInput | null
  readonly id?: IDFilter | null
  readonly interview?: InterviewWhereInput | null
  readonly position?: IntFilter | null
  readonly question?: StringFilter | null
  readonly questionHtml?: StringFilter | null
  readonly answer?: StringFilter | null
  readonly answerHtml?: StringFilter | null
}

export type IntFilter = {
  readonly equals?: number | null
  readonly in?: ReadonlyArray<number> | number | null
  readonly notIn?: ReadonlyArray<number> | number | null
  readonly lt?: number | null
  readonly lte?: number | null
  readonly gt?: number | null
  readonly gte?: number | null
  readonly not?: IntFilter | null
}

export type InterviewQuestionOrderByInput = {
  readonly id?: OrderDirection | null
  readonly position?: OrderDirection | null
  readonly question?: OrderDirection | null
  readonly questionHtml?: OrderDirection | null
  readonly answer?: OrderDirection | null
  readonly answerHtml?: OrderDirection | null
}

export type InterviewQuestionUpdateInput = {
  readonly interview?: InterviewRelateToOneForUpdateInput | null
  readonly position?: number | null
  readonly question?: string | null
  readonly questionHtml?: string | null
  readonly answer?: string | null
  readonly answerHtml?: string | null
}

export type InterviewRelateToOneForUpdateInput = {
  readonly create?: InterviewCreateInput | null
  readonly connect?: InterviewWhereUniqueInput | null
  readonly disconnect?: boolean | null
}

export type InterviewQuestionUpdateArgs = {
  readonly where: InterviewQuestionWhereUniqueInput
  readonly data: InterviewQuestionUpdateInput
}

export type InterviewQuestionCreateInput = {
  readonly interview?: InterviewRelateToOneForCreateInput | null
  readonly position?: number | null
  readonly question?: string | null
  readonly questionHtml?: string | null
  readonly answer?: string | null
  readonly answerHtml?: string | null
}

export type InterviewRelateToOneForCreateInput = {
  readonly create?: InterviewCreateInput | null
  readonly connect?: InterviewWhereUniqueInput | null
}

export type TopicAnnouncementWhereUniqueInput = {
  readonly id?: string | null
  readonly slug?: string | null
  readonly chatArchive?: ChatArchiveWhereUniqueInput | null
}

export type TopicAnnouncementWhereInput = {
  readonly AND?: ReadonlyArray<TopicAnnouncementWhereInput> | TopicAnnouncementWhereInput | null
  readonly OR?: ReadonlyArray<TopicAnnouncementWhereInput> | TopicAnnouncementWhereInput | null
  readonly NOT?: ReadonlyArray<TopicAnnouncementWhereInput> | TopicAnnouncementWhereInput | null
  readonly id?: IDFilter | null
  readonly title?: StringFilter | null
  readonly slug?: StringFilter | null
  readonly status?: StringFilter | null
  readonly publishedAt?: DateTimeNullableFilter | null
  readonly hashtag?: StringFilter | null
  readonly chatStart?: DateTimeNullableFilter | null
  readonly durationMinutes?: IntFilter | null
  readonly description?: StringFilter | null
  readonly descriptionHtml?: StringFilter | null
  readonly featuredImageAlt?: StringFilter | null
  readonly questions?: StringFilter | null
  readonly host?: StringFilter | null
  readonly guests?: StringFilter | null
  readonly chatArchive?: ChatArchiveWhereInput | null
  readonly xPostId?: StringFilter | null
  readonly xPostedAt?: DateTimeNullableFilter | null
  readonly blueskyPostUri?: StringFilter | null
  readonly blueskyPostedAt?: DateTimeNullableFilter | null
  readonly mastodonPostUrl?: StringFilter | null
  readonly mastodonPostedAt?: DateTimeNullableFilter | null
}

export type TopicAnnouncementOrderByInput = {
  readonly id?: OrderDirection | null
  readonly title?: OrderDirection | null
  readonly slug?: OrderDirection | null
  readonly status?: OrderDirection | null
  readonly publishedAt?: OrderDirection | null
  readonly hashtag?: OrderDirection | null
  readonly chatStart?: OrderDirection | null
  readonly durationMinutes?: OrderDirection | null
  readonly description?: OrderDirection | null
  readonly descriptionHtml?: OrderDirection | null
  readonly featuredImageAlt?: OrderDirection | null
  readonly questions?: OrderDirection | null
  readonly host?: OrderDirection | null
  readonly guests?: OrderDirection | null
  readonly xPostId?: OrderDirection | null
  readonly xPostedAt?: OrderDirection | null
  readonly blueskyPostUri?: OrderDirection | null
  readonly blueskyPostedAt?: OrderDirection | null
  readonly mastodonPostUrl?: OrderDirection | null
  readonly mastodonPostedAt?: OrderDirection | null
}

export type TopicAnnouncementUpdateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly status?: string | null
  readonly publishedAt?: any | null
  readonly hashtag?: string | null
  readonly chatStart?: any | null
  readonly durationMinutes?: number | null
  readonly description?: string | null
  readonly descriptionHtml?: string | null
  readonly featuredImage?: ImageFieldInput | null
  readonly featuredImageAlt?: string | null
  readonly questions?: string | null
  readonly host?: string | null
  readonly networks?: ReadonlyArray<string> | string | null
  readonly guests?: string | null
  readonly chatArchive?: ChatArchiveRelateToOneForUpdateInput | null
  readonly xPostId?: string | null
  readonly xPostedAt?: any | null
  readonly blueskyPostUri?: string | null
  readonly blueskyPostedAt?: any | null
  readonly mastodonPostUrl?: string | null
  readonly mastodonPostedAt?: any | null
  readonly archiveProgress?: import('@keystone-6/core/types').JSONValue | null
}

export type TopicAnnouncementUpdateArgs = {
  readonly where: TopicAnnouncementWhereUniqueInput
  readonly data: TopicAnnouncementUpdateInput
}

export type TopicAnnouncementCreateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly status?: string | null
  readonly publishedAt?: any | null
  readonly hashtag?: string | null
  readonly chatStart?: any | null
  readonly durationMinutes?: number | null
  readonly description?: string | null
  readonly descriptionHtml?: string | null
  readonly featuredImage?: ImageFieldInput | null
  readonly featuredImageAlt?: string | null
  readonly questions?: string | null
  readonly host?: string | null
  readonly networks?: ReadonlyArray<string> | string | null
  readonly guests?: string | null
  readonly chatArchive?: ChatArchiveRelateToOneForCreateInput | null
  readonly xPostId?: string | null
  readonly xPostedAt?: any | null
  readonly blueskyPostUri?: string | null
  readonly blueskyPostedAt?: any | null
  readonly mastodonPostUrl?: string | null
  readonly mastodonPostedAt?: any | null
  readonly archiveProgress?: import('@keystone-6/core/types').JSONValue | null
}

export type ImageWhereUniqueInput = {
  readonly id?: string | null
}

export type ImageWhereInput = {
  readonly AND?: ReadonlyArray<ImageWhereInput> | ImageWhereInput | null
  readonly OR?: ReadonlyArray<ImageWhereInput> | ImageWhereInput | null
  readonly NOT?: ReadonlyArray<ImageWhereInput> | ImageWhereInput | null
  readonly id?: IDFilter | null
  readonly alt?: StringFilter | null
  readonly uploadedAt?: DateTimeNullableFilter | null
}

export type ImageOrderByInput = {
  readonly id?: OrderDirection | null
  readonly alt?: OrderDirection | null
  readonly uploadedAt?: OrderDirection | null
}

export type ImageUpdateInput = {
  readonly file?: ImageFieldInput | null
  readonly alt?: string | null
  readonly uploadedAt?: any | null
}

export type ImageUpdateArgs = {
  readonly where: ImageWhereUniqueInput
  readonly data: ImageUpdateInput
}

export type ImageCreateInput = {
  readonly file?: ImageFieldInput | null
  readonly alt?: string | null
  readonly uploadedAt?: any | null
}

export type TagWhereUniqueInput = {
  readonly id?: string | null
  readonly name?: string | null
  readonly slug?: string | null
}

export type TagWhereInput = {
  readonly AND?: ReadonlyArray<TagWhereInput> | TagWhereInput | null
  readonly OR?: ReadonlyArray<TagWhereInput> | TagWhereInput | null
  readonly NOT?: ReadonlyArray<TagWhereInput> | TagWhereInput | null
  readonly id?: IDFilter | null
  readonly name?: StringFilter | null
  readonly slug?: StringFilter | null
  readonly posts?: PostManyRelationFilter | null
  readonly interviews?: InterviewManyRelationFilter | null
}

export type TagOrderByInput = {
  readonly id?: OrderDirection | null
  readonly name?: OrderDirection | null
  readonly slug?: OrderDirection | null
}

export type TagUpdateInput = {
  readonly name?: string | null
  readonly slug?: string | null
  readonly posts?: PostRelateToManyForUpdateInput | null
  readonly interviews?: InterviewRelateToManyForUpdateInput | null
}

export type TagUpdateArgs = {
  readonly where: TagWhereUniqueInput
  readonly data: TagUpdateInput
}

export type TagCreateInput = {
  readonly name?: string | null
  readonly slug?: string | null
  readonly posts?: PostRelateToManyForCreateInput | null
  readonly interviews?: InterviewRelateToManyForCreateInput | null
}

export type ChatArchiveWhereUniqueInput = {
  readonly id?: string | null
  readonly slug?: string | null
  readonly topic?: TopicAnnouncementWhereUniqueInput | null
}

export type ChatArchiveWhereInput = {
  readonly AND?: ReadonlyArray<ChatArchiveWhereInput> | ChatArchiveWhereInput | null
  readonly OR?: ReadonlyArray<ChatArchiveWhereInput> | ChatArchiveWhereInput | null
  readonly NOT?: ReadonlyArray<ChatArchiveWhereInput> | ChatArchiveWhereInput | null
  readonly id?: IDFilter | null
  readonly title?: StringFilter | null
  readonly slug?: StringFilter | null
  readonly hashtag?: StringFilter | null
  readonly windowStart?: DateTimeFilter | null
  readonly windowEnd?: DateTimeFilter | null
  readonly topic?: TopicAnnouncementWhereInput | null
  readonly source?: StringFilter | null
  readonly mastodonServers?: StringFilter | null
  readonly hostHandles?: StringFilter | null
  readonly importedAt?: DateTimeNullableFilter | null
  readonly messages?: ChatMessageManyRelationFilter | null
  readonly recaps?: PostManyRelationFilter | null
  readonly allowComments?: BooleanFilter | null
  readonly comments?: CommentManyRelationFilter | null
}

export type DateTimeFilter = {
  readonly equals?: any | null
  readonly in?: ReadonlyArray<any> | any | null
  readonly notIn?: ReadonlyArray<any> | any | null
  readonly lt?: any | null
  readonly lte?: any | null
  readonly gt?: any | null
  readonly gte?: any | null
  readonly not?: DateTimeFilter | null
}

export type ChatMessageManyRelationFilter = {
  readonly every?: ChatMessageWhereInput | null
  readonly some?: ChatMessageWhereInput | null
  readonly none?: ChatMessageWhereInput | null
}

export type ChatArchiveOrderByInput = {
  readonly id?: OrderDirection | null
  readonly title?: OrderDirection | null
  readonly slug?: OrderDirection | null
  readonly hashtag?: OrderDirection | null
  readonly windowStart?: OrderDirection | null
  readonly windowEnd?: OrderDirection | null
  readonly source?: OrderDirection | null
  readonly mastodonServers?: OrderDirection | null
  readonly hostHandles?: OrderDirection | null
  readonly importedAt?: OrderDirection | null
  readonly allowComments?: OrderDirection | null
}

export type ChatArchiveUpdateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly hashtag?: string | null
  readonly windowStart?: any | null
  readonly windowEnd?: any | null
  readonly topic?: TopicAnnouncementRelateToOneForUpdateInput | null
  readonly source?: string | null
  readonly networks?: ReadonlyArray<string> | string | null
  readonly mastodonServers?: string | null
  readonly hostHandles?: string | null
  readonly importedAt?: any | null
  readonly stats?: import('@keystone-6/core/types').JSONValue | null
  readonly analysis?: import('@keystone-6/core/types').JSONValue | null
  readonly importProblems?: import('@keystone-6/core/types').JSONValue | null
  readonly messages?: ChatMessageRelateToManyForUpdateInput | null
  readonly recaps?: PostRelateToManyForUpdateInput | null
  readonly allowComments?: boolean | null
  readonly comments?: CommentRelateToManyForUpdateInput | null
}

export type TopicAnnouncementRelateToOneForUpdateInput = {
  readonly create?: TopicAnnouncementCreateInput | null
  readonly connect?: TopicAnnouncementWhereUniqueInput | null
  readonly disconnect?: boolean | null
}

export type ChatMessageRelateToManyForUpdateInput = {
  readonly disconnect?: ReadonlyArray<ChatMessageWhereUniqueInput> | ChatMessageWhereUniqueInput | null
  readonly set?: ReadonlyArray<ChatMessageWhereUniqueInput> | ChatMessageWhereUniqueInput | null
  readonly create?: ReadonlyArray<ChatMessageCreateInput> | ChatMessageCreateInput | null
  readonly connect?: ReadonlyArray<ChatMessageWhereUniqueInput> | ChatMessageWhereUniqueInput | null
}

export type ChatArchiveUpdateArgs = {
  readonly where: ChatArchiveWhereUniqueInput
  readonly data: ChatArchiveUpdateInput
}

export type ChatArchiveCreateInput = {
  readonly title?: string | null
  readonly slug?: string | null
  readonly hashtag?: string | null
  readonly windowStart?: any | null
  readonly windowEnd?: any | null
  readonly topic?: TopicAnnouncementRelateToOneForCreateInput | null
  readonly source?: string | null
  readonly networks?: ReadonlyArray<string> | string | null
  readonly mastodonServers?: string | null
  readonly hostHandles?: string | null
  readonly importedAt?: any | null
  readonly stats?: import('@keystone-6/core/types').JSONValue | null
  readonly analysis?: import('@keystone-6/core/types').JSONValue | null
  readonly importProblems?: import('@keystone-6/core/types').JSONValue | null
  readonly messages?: ChatMessageRelateToManyForCreateInput | null
  readonly recaps?: PostRelateToManyForCreateInput | null
  readonly allowComments?: boolean | null
  readonly comments?: CommentRelateToManyForCreateInput | null
}

export type TopicAnnouncementRelateToOneForCreateInput = {
  readonly create?: TopicAnnouncementCreateInput | null
  readonly connect?: TopicAnnouncementWhereUniqueInput | null
}

export type ChatMessageRelateToManyForCreateInput = {
  readonly create?: ReadonlyArray<ChatMessageCreateInput> | ChatMessageCreateInput | null
  readonly connect?: ReadonlyArray<ChatMessageWhereUniqueInput> | ChatMessageWhereUniqueInput | null
  readonly set?: ReadonlyArray<ChatMessageWhereUniqueInput> | ChatMessageWhereUniqueInput | null
}

export type ChatMessageWhereUniqueInput = {
  readonly id?: string | null
  readonly xId?: string | null
}

export type ChatMessageWhereInput = {
  readonly AND?: ReadonlyArray<ChatMessageWhereInput> | ChatMessageWhereInput | null
  readonly OR?: ReadonlyArray<ChatMessageWhereInput> | ChatMessageWhereInput | null
  readonly NOT?: ReadonlyArray<ChatMessageWhereInput> | ChatMessageWhereInput | null
  readonly id?: IDFilter | null
  readonly platform?: StringFilter | null
  readonly xId?: StringFilter | null
  readonly url?: StringFilter | null
  readonly editedAt?: DateTimeNullableFilter | null
  readonly archive?: ChatArchiveWhereInput | null
  readonly author?: ParticipantWhereInput | null
  readonly text?: StringFilter | null
  readonly postedAt?: DateTimeFilter | null
  readonly kind?: StringFilter | null
  readonly inReplyToId?: StringFilter | null
  readonly conversationId?: StringFilter | null
  readonly referencedId?: StringFilter | null
  readonly confidentialityFlag?: StringFilter | null
}

export type ChatMessageOrderByInput = {
  readonly id?: OrderDirection | null
  readonly platform?: OrderDirection | null
  readonly xId?: OrderDirection | null
  readonly url?: OrderDirection | null
  readonly editedAt?: OrderDirection | null
  readonly text?: OrderDirection | null
  readonly postedAt?: OrderDirection | null
  readonly kind?: OrderDirection | null
  readonly inReplyToId?: OrderDirection | null
  readonly conversationId?: OrderDirection | null
  readonly referencedId?: OrderDirection | null
  readonly confidentialityFlag?: OrderDirection | null
}

export type ChatMessageUpdateInput = {
  readonly platform?: string | null
  readonly xId?: string | null
  readonly url?: string | null
  readonly editedAt?: any | null
  readonly archive?: ChatArchiveRelateToOneForUpdateInput | null
  readonly author?: ParticipantRelateToOneForUpdateInput | null
  readonly text?: string | null
  readonly postedAt?: any | null
  readonly kind?: string | null
  readonly inReplyToId?: string | null
  readonly conversationId?: string | null
  readonly referencedId?: string | null
  readonly repostOf?: import('@keystone-6/core/types').JSONValue | null
  readonly entities?: import('@keystone-6/core/types').JSONValue | null
  readonly media?: import('@keystone-6/core/types').JSONValue | null
  readonly metrics?: import('@keystone-6/core/types').JSONValue | null
  readonly confidentialityFlag?: string | null
}

export type ParticipantRelateToOneForUpdateInput = {
  readonly create?: ParticipantCreateInput | null
  readonly connect?: ParticipantWhereUniqueInput | null
  readonly disconnect?: boolean | null
}

export type ChatMessageUpdateArgs = {
  readonly where: ChatMessageWhereUniqueInput
  readonly data: ChatMessageUpdateInput
}

export type ChatMessageCreateInput = {
  readonly platform?: string | null
  readonly xId?: string | null
  readonly url?: string | null
  readonly editedAt?: any | null
  readonly archive?: ChatArchiveRelateToOneForCreateInput | null
  readonly author?: ParticipantRelateToOneForCreateInput | null
  readonly text?: string | null
  readonly postedAt?: any | null
  readonly kind?: string | null
  readonly inReplyToId?: string | null
  readonly conversationId?: string | null
  readonly referencedId?: string | null
  readonly repostOf?: import('@keystone-6/core/types').JSONValue | null
  readonly entities?: import('@keystone-6/core/types').JSONValue | null
  readonly media?: import('@keystone-6/core/types').JSONValue | null
  readonly metrics?: import('@keystone-6/core/types').JSONValue | null
  readonly confidentialityFlag?: string | null
}

export type ParticipantRelateToOneForCreateInput = {
  readonly create?: ParticipantCreateInput | null
  readonly connect?: ParticipantWhereUniqueInput | null
}

export type ParticipantWhereUniqueInput = {
  readonly id?: string | null
  readonly xUserId?: string | null
}

export type ParticipantWhereInput = {
  readonly AND?: ReadonlyArray<ParticipantWhereInput> | ParticipantWhereInput | null
  readonly OR?: ReadonlyArray<ParticipantWhereInput> | ParticipantWhereInput | null
  readonly NOT?: ReadonlyArray<ParticipantWhereInput> | ParticipantWhereInput | null
  readonly id?: IDFilter | null
  readonly platform?: StringFilter | null
  readonly xUserId?: StringFilter | null
  readonly handle?: StringFilter | null
  readonly displayName?: StringFilter | null
  readonly avatarUrl?: StringFilter | null
  readonly profileUrl?: StringFilter | null
  readonly samePersonAs?: ParticipantWhereInput | null
  readonly redacted?: BooleanFilter | null
  readonly messages?: ChatMessageManyRelationFilter | null
}

export type ParticipantOrderByInput = {
  readonly id?: OrderDirection | null
  readonly platform?: OrderDirection | null
  readonly xUserId?: OrderDirection | null
  readonly handle?: OrderDirection | null
  readonly displayName?: OrderDirection | null
  readonly avatarUrl?: OrderDirection | null
  readonly profileUrl?: OrderDirection | null
  readonly redacted?: OrderDirection | null
}

export type ParticipantUpdateInput = {
  readonly platform?: string | null
  readonly xUserId?: string | null
  readonly handle?: string | null
  readonly displayName?: string | null
  readonly avatarUrl?: string | null
  readonly profileUrl?: string | null
  readonly samePersonAs?: ParticipantRelateToOneForUpdateInput | null
  readonly redacted?: boolean | null
  readonly messages?: ChatMessageRelateToManyForUpdateInput | null
}

export type ParticipantUpdateArgs = {
  readonly where: ParticipantWhereUniqueInput
  readonly data: ParticipantUpdateInput
}

export type ParticipantCreateInput = {
  readonly platform?: string | null
  readonly xUserId?: string | null
  readonly handle?: string | null
  readonly displayName?: string | null
  readonly avatarUrl?: string | null
  readonly profileUrl?: string | null
  readonly samePersonAs?: ParticipantRelateToOneForCreateInput | null
  readonly redacted?: boolean | null
  readonly messages?: ChatMessageRelateToManyForCreateInput | null
}

export type CommentWhereUniqueInput = {
  readonly id?: string | null
}

export type CommentWhereInput = {
  readonly AND?: ReadonlyArray<CommentWhereInput> | CommentWhereInput | null
  readonly OR?: ReadonlyArray<CommentWhereInput> | CommentWhereInput | null
  readonly NOT?: ReadonlyArray<CommentWhereInput> | CommentWhereInput | null
  readonly id?: IDFilter | null
  readonly post?: PostWhereInput | null
  readonly interview?: InterviewWhereInput | null
  readonly chatArchive?: ChatArchiveWhereInput | null
  readonly parent?: CommentWhereInput | null
  readonly authorName?: StringFilter | null
  readonly email?: StringFilter | null
  readonly body?: StringFilter | null
  readonly bodyHtml?: StringFilter | null
  readonly status?: StringFilter | null
  readonly byTeam?: BooleanFilter | null
  readonly heldReason?: StringFilter | null
  readonly createdAt?: DateTimeNullableFilter | null
}

export type CommentOrderByInput = {
  readonly id?: OrderDirection | null
  readonly authorName?: OrderDirection | null
  readonly email?: OrderDirection | null
  readonly body?: OrderDirection | null
  readonly bodyHtml?: OrderDirection | null
  readonly status?: OrderDirection | null
  readonly byTeam?: OrderDirection | null
  readonly heldReason?: OrderDirection | null
  readonly createdAt?: OrderDirection | null
}

export type CommentUpdateInput = {
  readonly post?: PostRelateToOneForUpdateInput | null
  readonly interview?: InterviewRelateToOneForUpdateInput | null
  readonly chatArchive?: ChatArchiveRelateToOneForUpdateInput | null
  readonly parent?: CommentRelateToOneForUpdateInput | null
  readonly authorName?: string | null
  readonly email?: string | null
  readonly body?: string | null
  readonly bodyHtml?: string | null
  readonly status?: string | null
  readonly byTeam?: boolean | null
  readonly heldReason?: string | null
  readonly createdAt?: any | null
}

export type PostRelateToOneForUpdateInput = {
  readonly create?: PostCreateInput | null
  readonly connect?: PostWhereUniqueInput | null
  readonly disconnect?: boolean | null
}

export type CommentRelateToOneForUpdateInput = {
  readonly create?: CommentCreateInput | null
  readonly connect?: CommentWhereUniqueInput | null
  readonly disconnect?: boolean | null
}

export type CommentUpdateArgs = {
  readonly where: CommentWhereUniqueInput
  readonly data: CommentUpdateInput
}

export type CommentCreateInput = {
  readonly post?: PostRelateToOneForCreateInput | null
  readonly interview?: InterviewRelateToOneForCreateInput | null
  readonly chatArchive?: ChatArchiveRelateToOneForCreateInput | null
  readonly parent?: CommentRelateToOneForCreateInput | null
  readonly authorName?: string | null
  readonly email?: string | null
  readonly body?: string | null
  readonly bodyHtml?: string | null
  readonly status?: string | null
  readonly byTeam?: boolean | null
  readonly heldReason?: string | null
  readonly createdAt?: any | null
}

export type PostRelateToOneForCreateInput = {
  readonly create?: PostCreateInput | null
  readonly connect?: PostWhereUniqueInput | null
}

export type CommentRelateToOneForCreateInput = {
  readonly create?: CommentCreateInput | null
  readonly connect?: CommentWhereUniqueInput | null
}

export type SiteSettingsWhereUniqueInput = {
  readonly id?: string | null
}

export type SiteSettingsWhereInput = {
  readonly AND?: ReadonlyArray<SiteSettingsWhereInput> | SiteSettingsWhereInput | null
  readonly OR?: ReadonlyArray<SiteSettingsWhereInput> | SiteSettingsWhereInput | null
  readonly NOT?: ReadonlyArray<SiteSettingsWhereInput> | SiteSettingsWhereInput | null
  readonly id?: IDFilter | null
  readonly siteName?: StringFilter | null
  readonly tagline?: StringFilter | null
  readonly disclaimer?: StringFilter | null
  readonly about?: StringFilter | null
  readonly aboutHtml?: StringFilter | null
  readonly defaultHashtag?: StringFilter | null
  readonly autoApproveReturningCommenters?: BooleanFilter | null
  readonly announcementTemplate?: StringFilter | null
  readonly chatWeekday?: StringFilter | null
  readonly chatLocalTime?: StringFilter | null
  readonly chatTimeZone?: StringFilter | null
}

export type SiteSettingsOrderByInput = {
  readonly id?: OrderDirection | null
  readonly siteName?: OrderDirection | null
  readonly tagline?: OrderDirection | null
  readonly disclaimer?: OrderDirection | null
  readonly about?: OrderDirection | null
  readonly aboutHtml?: OrderDirection | null
  readonly defaultHashtag?: OrderDirection | null
  readonly autoApproveReturningCommenters?: OrderDirection | null
  readonly announcementTemplate?: OrderDirection | null
  readonly chatWeekday?: OrderDirection | null
  readonly chatLocalTime?: OrderDirection | null
  readonly chatTimeZone?: OrderDirection | null
}

export type SiteSettingsUpdateInput = {
  readonly siteName?: string | null
  readonly tagline?: string | null
  readonly disclaimer?: string | null
  readonly about?: string | null
  readonly aboutHtml?: string | null
  readonly defaultHashtag?: string | null
  readonly autoApproveReturningCommenters?: boolean | null
  readonly announcementTemplate?: string | null
  readonly chatWeekday?: string | null
  readonly chatLocalTime?: string | null
  readonly chatTimeZone?: string | null
}

export type SiteSettingsUpdateArgs = {
  readonly where: SiteSettingsWhereUniqueInput
  readonly data: SiteSettingsUpdateInput
}

export type SiteSettingsCreateInput = {
  readonly siteName?: string | null
  readonly tagline?: string | null
  readonly disclaimer?: string | null
  readonly about?: string | null
  readonly aboutHtml?: string | null
  readonly defaultHashtag?: string | null
  readonly autoApproveReturningCommenters?: boolean | null
  readonly announcementTemplate?: string | null
  readonly chatWeekday?: string | null
  readonly chatLocalTime?: string | null
  readonly chatTimeZone?: string | null
}

export type PostToXTopicAnnouncementArgs = {
  readonly where: TopicAnnouncementWhereUniqueInput
}

export type ArchiveChatTopicAnnouncementArgs = {
  readonly where: TopicAnnouncementWhereUniqueInput
}

export type PostToBlueskyTopicAnnouncementArgs = {
  readonly where: TopicAnnouncementWhereUniqueInput
}

export type PostToMastodonTopicAnnouncementArgs = {
  readonly where: TopicAnnouncementWhereUniqueInput
}

export type ImportFromXChatArchiveArgs = {
  readonly where: ChatArchiveWhereUniqueInput
}

export type KeystoneAdminUIFieldMetaIsNonNull =
  | 'read'
  | 'create'
  | 'update'

export type KeystoneAdminUIFieldMetaItemViewFieldPosition =
  | 'form'
  | 'sidebar'

export type KeystoneAdminUIFieldMetaListViewFieldMode =
  | 'read'
  | 'hidden'

export type QueryMode =
  | 'default'
  | 'insensitive'

export type KeystoneAdminUIActionMetaItemViewNavigation =
  | 'follow'
  | 'refetch'
  | 'return'

export type KeystoneAdminUISortDirection =
  | 'ASC'
  | 'DESC'

type ResolvedUserCreateInput = {
  id?: import('../prisma/client.js').Prisma.UserCreateInput['id']
  name?: import('../prisma/client.js').Prisma.UserCreateInput['name']
  slug?: import('../prisma/client.js').Prisma.UserCreateInput['slug']
  email?: import('../prisma/client.js').Prisma.UserCreateInput['email']
  password: import('../prisma/client.js').Prisma.UserCreateInput['password']
  role?: import('../prisma/client.js').Prisma.UserCreateInput['role']
  bio?: import('../prisma/client.js').Prisma.UserCreateInput['bio']
  xHandle?: import('../prisma/client.js').Prisma.UserCreateInput['xHandle']
  posts?: import('../prisma/client.js').Prisma.UserCreateInput['posts']
  interviews?: import('../prisma/client.js').Prisma.UserCreateInput['interviews']
}
type ResolvedUserUpdateInput = {
  id?: undefined
  name?: import('../prisma/client.js').Prisma.UserUpdateInput['name']
  slug?: import('../prisma/client.js').Prisma.UserUpdateInput['slug']
  email?: import('../prisma/client.js').Prisma.UserUpdateInput['email']
  password?: import('../prisma/client.js').Prisma.UserUpdateInput['password']
  role?: import('../prisma/client.js').Prisma.UserUpdateInput['role']
  bio?: import('../prisma/client.js').Prisma.UserUpdateInput['bio']
  xHandle?: import('../prisma/client.js').Prisma.UserUpdateInput['xHandle']
  posts?: import('../prisma/client.js').Prisma.UserUpdateInput['posts']
  interviews?: import('../prisma/client.js').Prisma.UserUpdateInput['interviews']
}
type ResolvedPostCreateInput = {
  id?: import('../prisma/client.js').Prisma.PostCreateInput['id']
  title?: import('../prisma/client.js').Prisma.PostCreateInput['title']
  slug?: import('../prisma/client.js').Prisma.PostCreateInput['slug']
  kind?: import('../prisma/client.js').Prisma.PostCreateInput['kind']
  status?: import('../prisma/client.js').Prisma.PostCreateInput['status']
  publishedAt?: import('../prisma/client.js').Prisma.PostCreateInput['publishedAt']
  onTheSite?: undefined
  author?: import('../prisma/client.js').Prisma.PostCreateInput['author']
  excerpt?: import('../prisma/client.js').Prisma.PostCreateInput['excerpt']
  featuredImage: {
  id?: import('../prisma/client.js').Prisma.PostCreateInput['featuredImage_id']
  extension?: import('../prisma/client.js').Prisma.PostCreateInput['featuredImage_extension']
  filesize?: import('../prisma/client.js').Prisma.PostCreateInput['featuredImage_filesize']
  width?: import('../prisma/client.js').Prisma.PostCreateInput['featuredImage_width']
  height?: import('../prisma/client.js').Prisma.PostCreateInput['featuredImage_height']
  }
  featuredImageAlt?: import('../prisma/client.js').Prisma.PostCreateInput['featuredImageAlt']
  body?: import('../prisma/client.js').Prisma.PostCreateInput['body']
  bodyHtml?: import('../prisma/client.js').Prisma.PostCreateInput['bodyHtml']
  bodyBlocks?: import('../prisma/client.js').Prisma.PostCreateInput['bodyBlocks']
  tags?: import('../prisma/client.js').Prisma.PostCreateInput['tags']
  chatArchive?: import('../prisma/client.js').Prisma.PostCreateInput['chatArchive']
  allowComments?: import('../prisma/client.js').Prisma.PostCreateInput['allowComments']
  comments?: import('../prisma/client.js').Prisma.PostCreateInput['comments']
}
type ResolvedPostUpdateInput = {
  id?: undefined
  title?: import('../prisma/client.js').Prisma.PostUpdateInput['title']
  slug?: import('../prisma/client.js').Prisma.PostUpdateInput['slug']
  kind?: import('../prisma/client.js').Prisma.PostUpdateInput['kind']
  status?: import('../prisma/client.js').Prisma.PostUpdateInput['status']
  publishedAt?: import('../prisma/client.js').Prisma.PostUpdateInput['publishedAt']
  onTheSite?: undefined
  author?: import('../prisma/client.js').Prisma.PostUpdateInput['author']
  excerpt?: import('../prisma/client.js').Prisma.PostUpdateInput['excerpt']
  featuredImage: {
  id?: import('../prisma/client.js').Prisma.PostUpdateInput['featuredImage_id']
  extension?: import('../prisma/client.js').Prisma.PostUpdateInput['featuredImage_extension']
  filesize?: import('../prisma/client.js').Prisma.PostUpdateInput['featuredImage_filesize']
  width?: import('../prisma/client.js').Prisma.PostUpdateInput['featuredImage_width']
  height?: import('../prisma/client.js').Prisma.PostUpdateInput['featuredImage_height']
  }
  featuredImageAlt?: import('../prisma/client.js').Prisma.PostUpdateInput['featuredImageAlt']
  body?: import('../prisma/client.js').Prisma.PostUpdateInput['body']
  bodyHtml?: import('../prisma/client.js').Prisma.PostUpdateInput['bodyHtml']
  bodyBlocks?: import('../prisma/client.js').Prisma.PostUpdateInput['bodyBlocks']
  tags?: import('../prisma/client.js').Prisma.PostUpdateInput['tags']
  chatArchive?: import('../prisma/client.js').Prisma.PostUpdateInput['chatArchive']
  allowComments?: import('../prisma/client.js').Prisma.PostUpdateInput['allowComments']
  comments?: import('../prisma/client.js').Prisma.PostUpdateInput['comments']
}
type ResolvedInterviewCreateInput = {
  id?: import('../prisma/client.js').Prisma.InterviewCreateInput['id']
  title?: import('../prisma/client.js').Prisma.InterviewCreateInput['title']
  slug?: import('../prisma/client.js').Prisma.InterviewCreateInput['slug']
  status?: import('../prisma/client.js').Prisma.InterviewCreateInput['status']
  publishedAt?: import('../prisma/client.js').Prisma.InterviewCreateInput['publishedAt']
  onTheSite?: undefined
  author?: import('../prisma/client.js').Prisma.InterviewCreateInput['author']
  intervieweeName?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweeName']
  intervieweeRole?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweeRole']
  intervieweeXHandle?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweeXHandle']
  intervieweePhoto: {
  id?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweePhoto_id']
  extension?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweePhoto_extension']
  filesize?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweePhoto_filesize']
  width?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweePhoto_width']
  height?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweePhoto_height']
  }
  intervieweePhotoAlt?: import('../prisma/client.js').Prisma.InterviewCreateInput['intervieweePhotoAlt']
  featuredImage: {
  id?: import('../prisma/client.js').Prisma.InterviewCreateInput['featuredImage_id']
  extension?: import('../prisma/client.js').Prisma.InterviewCreateInput['featuredImage_extension']
  filesize?: import('../prisma/client.js').Prisma.InterviewCreateInput['featuredImage_filesize']
  width?: import('../prisma/client.js').Prisma.InterviewCreateInput['featuredImage_width']
  height?: import('../prisma/client.js').Prisma.InterviewCreateInput['featuredImage_height']
  }
  featuredImageAlt?: import('../prisma/client.js').Prisma.InterviewCreateInput['featuredImageAlt']
  introduction?: import('../prisma/client.js').Prisma.InterviewCreateInput['introduction']
  introductionHtml?: import('../prisma/client.js').Prisma.InterviewCreateInput['introductionHtml']
  questions?: import('../prisma/client.js').Prisma.InterviewCreateInput['questions']
  tags?: import('../prisma/client.js').Prisma.InterviewCreateInput['tags']
  allowComments?: import('../prisma/client.js').Prisma.InterviewCreateInput['allowComments']
  comments?: import('../prisma/client.js').Prisma.InterviewCreateInput['comments']
}
type ResolvedInterviewUpdateInput = {
  id?: undefined
  title?: import('../prisma/client.js').Prisma.InterviewUpdateInput['title']
  slug?: import('../prisma/client.js').Prisma.InterviewUpdateInput['slug']
  status?: import('../prisma/client.js').Prisma.InterviewUpdateInput['status']
  publishedAt?: import('../prisma/client.js').Prisma.InterviewUpdateInput['publishedAt']
  onTheSite?: undefined
  author?: import('../prisma/client.js').Prisma.InterviewUpdateInput['author']
  intervieweeName?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweeName']
  intervieweeRole?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweeRole']
  intervieweeXHandle?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweeXHandle']
  intervieweePhoto: {
  id?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweePhoto_id']
  extension?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweePhoto_extension']
  filesize?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweePhoto_filesize']
  width?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweePhoto_width']
  height?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweePhoto_height']
  }
  intervieweePhotoAlt?: import('../prisma/client.js').Prisma.InterviewUpdateInput['intervieweePhotoAlt']
  featuredImage: {
  id?: import('../prisma/client.js').Prisma.InterviewUpdateInput['featuredImage_id']
  extension?: import('../prisma/client.js').Prisma.InterviewUpdateInput['featuredImage_extension']
  filesize?: import('../prisma/client.js').Prisma.InterviewUpdateInput['featuredImage_filesize']
  width?: import('../prisma/client.js').Prisma.InterviewUpdateInput['featuredImage_width']
  height?: import('../prisma/client.js').Prisma.InterviewUpdateInput['featuredImage_height']
  }
  featuredImageAlt?: import('../prisma/client.js').Prisma.InterviewUpdateInput['featuredImageAlt']
  introduction?: import('../prisma/client.js').Prisma.InterviewUpdateInput['introduction']
  introductionHtml?: import('../prisma/client.js').Prisma.InterviewUpdateInput['introductionHtml']
  questions?: import('../prisma/client.js').Prisma.InterviewUpdateInput['questions']
  tags?: import('../prisma/client.js').Prisma.InterviewUpdateInput['tags']
  allowComments?: import('../prisma/client.js').Prisma.InterviewUpdateInput['allowComments']
  comments?: import('../prisma/client.js').Prisma.InterviewUpdateInput['comments']
}
type ResolvedInterviewQuestionCreateInput = {
  id?: import('../prisma/client.js').Prisma.InterviewQuestionCreateInput['id']
  interview?: import('../prisma/client.js').Prisma.InterviewQuestionCreateInput['interview']
  position?: import('../prisma/client.js').Prisma.InterviewQuestionCreateInput['position']
  question?: import('../prisma/client.js').Prisma.InterviewQuestionCreateInput['question']
  questionHtml?: import('../prisma/client.js').Prisma.InterviewQuestionCreateInput['questionHtml']
  answer?: import('../prisma/client.js').Prisma.InterviewQuestionCreateInput['answer']
  answerHtml?: import('../prisma/client.js').Prisma.InterviewQuestionCreateInput['answerHtml']
}
type ResolvedInterviewQuestionUpdateInput = {
  id?: undefined
  interview?: import('../prisma/client.js').Prisma.InterviewQuestionUpdateInput['interview']
  position?: import('../prisma/client.js').Prisma.InterviewQuestionUpdateInput['position']
  question?: import('../prisma/client.js').Prisma.InterviewQuestionUpdateInput['question']
  questionHtml?: import('../prisma/client.js').Prisma.InterviewQuestionUpdateInput['questionHtml']
  answer?: import('../prisma/client.js').Prisma.InterviewQuestionUpdateInput['answer']
  answerHtml?: import('../prisma/client.js').Prisma.InterviewQuestionUpdateInput['answerHtml']
}
type ResolvedTopicAnnouncementCreateInput = {
  id?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['id']
  title?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['title']
  slug?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['slug']
  status?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['status']
  publishedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['publishedAt']
  onTheSite?: undefined
  hashtag?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['hashtag']
  chatStart?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['chatStart']
  durationMinutes?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['durationMinutes']
  description?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['description']
  descriptionHtml?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['descriptionHtml']
  featuredImage: {
  id?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['featuredImage_id']
  extension?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['featuredImage_extension']
  filesize?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['featuredImage_filesize']
  width?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['featuredImage_width']
  height?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['featuredImage_height']
  }
  featuredImageAlt?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['featuredImageAlt']
  questions?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['questions']
  host?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['host']
  networks: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['networks']
  guests?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['guests']
  chatArchive?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['chatArchive']
  xPostId?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['xPostId']
  xPostedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['xPostedAt']
  blueskyPostUri?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['blueskyPostUri']
  blueskyPostedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['blueskyPostedAt']
  mastodonPostUrl?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['mastodonPostUrl']
  mastodonPostedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['mastodonPostedAt']
  archiveProgress?: import('../prisma/client.js').Prisma.TopicAnnouncementCreateInput['archiveProgress']
}
type ResolvedTopicAnnouncementUpdateInput = {
  id?: undefined
  title?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['title']
  slug?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['slug']
  status?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['status']
  publishedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['publishedAt']
  onTheSite?: undefined
  hashtag?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['hashtag']
  chatStart?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['chatStart']
  durationMinutes?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['durationMinutes']
  description?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['description']
  descriptionHtml?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['descriptionHtml']
  featuredImage: {
  id?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['featuredImage_id']
  extension?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['featuredImage_extension']
  filesize?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['featuredImage_filesize']
  width?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['featuredImage_width']
  height?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['featuredImage_height']
  }
  featuredImageAlt?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['featuredImageAlt']
  questions?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['questions']
  host?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['host']
  networks?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['networks']
  guests?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['guests']
  chatArchive?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['chatArchive']
  xPostId?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['xPostId']
  xPostedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['xPostedAt']
  blueskyPostUri?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['blueskyPostUri']
  blueskyPostedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['blueskyPostedAt']
  mastodonPostUrl?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['mastodonPostUrl']
  mastodonPostedAt?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['mastodonPostedAt']
  archiveProgress?: import('../prisma/client.js').Prisma.TopicAnnouncementUpdateInput['archiveProgress']
}
type ResolvedImageCreateInput = {
  id?: import('../prisma/client.js').Prisma.ImageCreateInput['id']
  file: {
  id?: import('../prisma/client.js').Prisma.ImageCreateInput['file_id']
  extension?: import('../prisma/client.js').Prisma.ImageCreateInput['file_extension']
  filesize?: import('../prisma/client.js').Prisma.ImageCreateInput['file_filesize']
  width?: import('../prisma/client.js').Prisma.ImageCreateInput['file_width']
  height?: import('../prisma/client.js').Prisma.ImageCreateInput['file_height']
  }
  alt?: import('../prisma/client.js').Prisma.ImageCreateInput['alt']
  uploadedAt?: import('../prisma/client.js').Prisma.ImageCreateInput['uploadedAt']
}
type ResolvedImageUpdateInput = {
  id?: undefined
  file: {
  id?: import('../prisma/client.js').Prisma.ImageUpdateInput['file_id']
  extension?: import('../prisma/client.js').Prisma.ImageUpdateInput['file_extension']
  filesize?: import('../prisma/client.js').Prisma.ImageUpdateInput['file_filesize']
  width?: import('../prisma/client.js').Prisma.ImageUpdateInput['file_width']
  height?: import('../prisma/client.js').Prisma.ImageUpdateInput['file_height']
  }
  alt?: import('../prisma/client.js').Prisma.ImageUpdateInput['alt']
  uploadedAt?: import('../prisma/client.js').Prisma.ImageUpdateInput['uploadedAt']
}
type ResolvedTagCreateInput = {
  id?: import('../prisma/client.js').Prisma.TagCreateInput['id']
  name?: import('../prisma/client.js').Prisma.TagCreateInput['name']
  slug?: import('../prisma/client.js').Prisma.TagCreateInput['slug']
  posts?: import('../prisma/client.js').Prisma.TagCreateInput['posts']
  interviews?: import('../prisma/client.js').Prisma.TagCreateInput['interviews']
}
type ResolvedTagUpdateInput = {
  id?: undefined
  name?: import('../prisma/client.js').Prisma.TagUpdateInput['name']
  slug?: import('../prisma/client.js').Prisma.TagUpdateInput['slug']
  posts?: import('../prisma/client.js').Prisma.TagUpdateInput['posts']
  interviews?: import('../prisma/client.js').Prisma.TagUpdateInput['interviews']
}
type ResolvedChatArchiveCreateInput = {
  id?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['id']
  title?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['title']
  slug?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['slug']
  hashtag?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['hashtag']
  windowStart: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['windowStart']
  windowEnd: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['windowEnd']
  topic?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['topic']
  source?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['source']
  networks: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['networks']
  mastodonServers?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['mastodonServers']
  hostHandles?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['hostHandles']
  importedAt?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['importedAt']
  stats?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['stats']
  analysis?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['analysis']
  importProblems?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['importProblems']
  messages?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['messages']
  recaps?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['recaps']
  allowComments?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['allowComments']
  comments?: import('../prisma/client.js').Prisma.ChatArchiveCreateInput['comments']
}
type ResolvedChatArchiveUpdateInput = {
  id?: undefined
  title?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['title']
  slug?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['slug']
  hashtag?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['hashtag']
  windowStart?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['windowStart']
  windowEnd?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['windowEnd']
  topic?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['topic']
  source?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['source']
  networks?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['networks']
  mastodonServers?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['mastodonServers']
  hostHandles?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['hostHandles']
  importedAt?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['importedAt']
  stats?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['stats']
  analysis?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['analysis']
  importProblems?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['importProblems']
  messages?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['messages']
  recaps?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['recaps']
  allowComments?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['allowComments']
  comments?: import('../prisma/client.js').Prisma.ChatArchiveUpdateInput['comments']
}
type ResolvedChatMessageCreateInput = {
  id?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['id']
  platform?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['platform']
  xId?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['xId']
  url?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['url']
  editedAt?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['editedAt']
  archive?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['archive']
  author?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['author']
  text?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['text']
  postedAt: import('../prisma/client.js').Prisma.ChatMessageCreateInput['postedAt']
  kind?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['kind']
  inReplyToId?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['inReplyToId']
  conversationId?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['conversationId']
  referencedId?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['referencedId']
  repostOf?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['repostOf']
  entities?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['entities']
  media?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['media']
  metrics?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['metrics']
  confidentialityFlag?: import('../prisma/client.js').Prisma.ChatMessageCreateInput['confidentialityFlag']
}
type ResolvedChatMessageUpdateInput = {
  id?: undefined
  platform?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['platform']
  xId?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['xId']
  url?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['url']
  editedAt?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['editedAt']
  archive?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['archive']
  author?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['author']
  text?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['text']
  postedAt?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['postedAt']
  kind?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['kind']
  inReplyToId?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['inReplyToId']
  conversationId?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['conversationId']
  referencedId?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['referencedId']
  repostOf?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['repostOf']
  entities?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['entities']
  media?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['media']
  metrics?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['metrics']
  confidentialityFlag?: import('../prisma/client.js').Prisma.ChatMessageUpdateInput['confidentialityFlag']
}
type ResolvedParticipantCreateInput = {
  id?: import('../prisma/client.js').Prisma.ParticipantCreateInput['id']
  platform?: import('../prisma/client.js').Prisma.ParticipantCreateInput['platform']
  xUserId?: import('../prisma/client.js').Prisma.ParticipantCreateInput['xUserId']
  handle?: import('../prisma/client.js').Prisma.ParticipantCreateInput['handle']
  displayName?: import('../prisma/client.js').Prisma.ParticipantCreateInput['displayName']
  avatarUrl?: import('../prisma/client.js').Prisma.ParticipantCreateInput['avatarUrl']
  profileUrl?: import('../prisma/client.js').Prisma.ParticipantCreateInput['profileUrl']
  samePersonAs?: import('../prisma/client.js').Prisma.ParticipantCreateInput['samePersonAs']
  redacted?: import('../prisma/client.js').Prisma.ParticipantCreateInput['redacted']
  messages?: import('../prisma/client.js').Prisma.ParticipantCreateInput['messages']
}
type ResolvedParticipantUpdateInput = {
  id?: undefined
  platform?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['platform']
  xUserId?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['xUserId']
  handle?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['handle']
  displayName?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['displayName']
  avatarUrl?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['avatarUrl']
  profileUrl?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['profileUrl']
  samePersonAs?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['samePersonAs']
  redacted?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['redacted']
  messages?: import('../prisma/client.js').Prisma.ParticipantUpdateInput['messages']
}
type ResolvedCommentCreateInput = {
  id?: import('../prisma/client.js').Prisma.CommentCreateInput['id']
  post?: import('../prisma/client.js').Prisma.CommentCreateInput['post']
  interview?: import('../prisma/client.js').Prisma.CommentCreateInput['interview']
  chatArchive?: import('../prisma/client.js').Prisma.CommentCreateInput['chatArchive']
  parent?: import('../prisma/client.js').Prisma.CommentCreateInput['parent']
  authorName?: import('../prisma/client.js').Prisma.CommentCreateInput['authorName']
  email?: import('../prisma/client.js').Prisma.CommentCreateInput['email']
  body?: import('../prisma/client.js').Prisma.CommentCreateInput['body']
  bodyHtml?: import('../prisma/client.js').Prisma.CommentCreateInput['bodyHtml']
  status?: import('../prisma/client.js').Prisma.CommentCreateInput['status']
  byTeam?: import('../prisma/client.js').Prisma.CommentCreateInput['byTeam']
  heldReason?: import('../prisma/client.js').Prisma.CommentCreateInput['heldReason']
  createdAt?: import('../prisma/client.js').Prisma.CommentCreateInput['createdAt']
}
type ResolvedCommentUpdateInput = {
  id?: undefined
  post?: import('../prisma/client.js').Prisma.CommentUpdateInput['post']
  interview?: import('../prisma/client.js').Prisma.CommentUpdateInput['interview']
  chatArchive?: import('../prisma/client.js').Prisma.CommentUpdateInput['chatArchive']
  parent?: import('../prisma/client.js').Prisma.CommentUpdateInput['parent']
  authorName?: import('../prisma/client.js').Prisma.CommentUpdateInput['authorName']
  email?: import('../prisma/client.js').Prisma.CommentUpdateInput['email']
  body?: import('../prisma/client.js').Prisma.CommentUpdateInput['body']
  bodyHtml?: import('../prisma/client.js').Prisma.CommentUpdateInput['bodyHtml']
  status?: import('../prisma/client.js').Prisma.CommentUpdateInput['status']
  byTeam?: import('../prisma/client.js').Prisma.CommentUpdateInput['byTeam']
  heldReason?: import('../prisma/client.js').Prisma.CommentUpdateInput['heldReason']
  createdAt?: import('../prisma/client.js').Prisma.CommentUpdateInput['createdAt']
}
type ResolvedSiteSettingsCreateInput = {
  id: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['id']
  siteName?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['siteName']
  tagline?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['tagline']
  disclaimer?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['disclaimer']
  about?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['about']
  aboutHtml?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['aboutHtml']
  defaultHashtag?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['defaultHashtag']
  autoApproveReturningCommenters?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['autoApproveReturningCommenters']
  announcementTemplate?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['announcementTemplate']
  chatWeekday?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['chatWeekday']
  chatLocalTime?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['chatLocalTime']
  chatTimeZone?: import('../prisma/client.js').Prisma.SiteSettingsCreateInput['chatTimeZone']
}
type ResolvedSiteSettingsUpdateInput = {
  id?: undefined
  siteName?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['siteName']
  tagline?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['tagline']
  disclaimer?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['disclaimer']
  about?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['about']
  aboutHtml?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['aboutHtml']
  defaultHashtag?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['defaultHashtag']
  autoApproveReturningCommenters?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['autoApproveReturningCommenters']
  announcementTemplate?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['announcementTemplate']
  chatWeekday?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['chatWeekday']
  chatLocalTime?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['chatLocalTime']
  chatTimeZone?: import('../prisma/client.js').Prisma.SiteSettingsUpdateInput['chatTimeZone']
}

export interface Session {}
type __Session = keyof Session extends never ? any : Session

export declare namespace Lists {
  export type User<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.User.TypeInfo<Session>>
  namespace User {
    export type Item = import('../prisma/client.js').User
    export type TypeInfo<Session = __Session> = {
      key: 'User'
      isSingleton: false
      fields: 'id' | 'name' | 'slug' | 'email' | 'password' | 'role' | 'bio' | 'xHandle' | 'posts' | 'interviews'
      actions: never
      item: Item
      inputs: {
        where: UserWhereInput
        uniqueWhere: UserWhereUniqueInput
        create: UserCreateInput
        update: UserUpdateInput
        orderBy: UserOrderByInput
      }
      prisma: {
        create: ResolvedUserCreateInput
        update: ResolvedUserUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type Post<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.Post.TypeInfo<Session>>
  namespace Post {
    export type Item = import('../prisma/client.js').Post
    export type TypeInfo<Session = __Session> = {
      key: 'Post'
      isSingleton: false
      fields: 'id' | 'title' | 'slug' | 'kind' | 'status' | 'publishedAt' | 'onTheSite' | 'author' | 'excerpt' | 'featuredImage' | 'featuredImageAlt' | 'body' | 'bodyHtml' | 'bodyBlocks' | 'tags' | 'chatArchive' | 'allowComments' | 'comments'
      actions: never
      item: Item
      inputs: {
        where: PostWhereInput
        uniqueWhere: PostWhereUniqueInput
        create: PostCreateInput
        update: PostUpdateInput
        orderBy: PostOrderByInput
      }
      prisma: {
        create: ResolvedPostCreateInput
        update: ResolvedPostUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type Interview<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.Interview.TypeInfo<Session>>
  namespace Interview {
    export type Item = import('../prisma/client.js').Interview
    export type TypeInfo<Session = __Session> = {
      key: 'Interview'
      isSingleton: false
      fields: 'id' | 'title' | 'slug' | 'status' | 'publishedAt' | 'onTheSite' | 'author' | 'intervieweeName' | 'intervieweeRole' | 'intervieweeXHandle' | 'intervieweePhoto' | 'intervieweePhotoAlt' | 'featuredImage' | 'featuredImageAlt' | 'introduction' | 'introductionHtml' | 'questions' | 'tags' | 'allowComments' | 'comments'
      actions: never
      item: Item
      inputs: {
        where: InterviewWhereInput
        uniqueWhere: InterviewWhereUniqueInput
        create: InterviewCreateInput
        update: InterviewUpdateInput
        orderBy: InterviewOrderByInput
      }
      prisma: {
        create: ResolvedInterviewCreateInput
        update: ResolvedInterviewUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type InterviewQuestion<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.InterviewQuestion.TypeInfo<Session>>
  namespace InterviewQuestion {
    export type Item = import('../prisma/client.js').InterviewQuestion
    export type TypeInfo<Session = __Session> = {
      key: 'InterviewQuestion'
      isSingleton: false
      fields: 'id' | 'interview' | 'position' | 'question' | 'questionHtml' | 'answer' | 'answerHtml'
      actions: never
      item: Item
      inputs: {
        where: InterviewQuestionWhereInput
        uniqueWhere: InterviewQuestionWhereUniqueInput
        create: InterviewQuestionCreateInput
        update: InterviewQuestionUpdateInput
        orderBy: InterviewQuestionOrderByInput
      }
      prisma: {
        create: ResolvedInterviewQuestionCreateInput
        update: ResolvedInterviewQuestionUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type TopicAnnouncement<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.TopicAnnouncement.TypeInfo<Session>>
  namespace TopicAnnouncement {
    export type Item = import('../prisma/client.js').TopicAnnouncement
    export type TypeInfo<Session = __Session> = {
      key: 'TopicAnnouncement'
      isSingleton: false
      fields: 'id' | 'title' | 'slug' | 'status' | 'publishedAt' | 'onTheSite' | 'hashtag' | 'chatStart' | 'durationMinutes' | 'description' | 'descriptionHtml' | 'featuredImage' | 'featuredImageAlt' | 'questions' | 'host' | 'networks' | 'guests' | 'chatArchive' | 'xPostId' | 'xPostedAt' | 'blueskyPostUri' | 'blueskyPostedAt' | 'mastodonPostUrl' | 'mastodonPostedAt' | 'archiveProgress'
      actions: 'postToX' | 'archiveChat' | 'postToBluesky' | 'postToMastodon'
      item: Item
      inputs: {
        where: TopicAnnouncementWhereInput
        uniqueWhere: TopicAnnouncementWhereUniqueInput
        create: TopicAnnouncementCreateInput
        update: TopicAnnouncementUpdateInput
        orderBy: TopicAnnouncementOrderByInput
      }
      prisma: {
        create: ResolvedTopicAnnouncementCreateInput
        update: ResolvedTopicAnnouncementUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type Image<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.Image.TypeInfo<Session>>
  namespace Image {
    export type Item = import('../prisma/client.js').Image
    export type TypeInfo<Session = __Session> = {
      key: 'Image'
      isSingleton: false
      fields: 'id' | 'file' | 'alt' | 'uploadedAt'
      actions: never
      item: Item
      inputs: {
        where: ImageWhereInput
        uniqueWhere: ImageWhereUniqueInput
        create: ImageCreateInput
        update: ImageUpdateInput
        orderBy: ImageOrderByInput
      }
      prisma: {
        create: ResolvedImageCreateInput
        update: ResolvedImageUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type Tag<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.Tag.TypeInfo<Session>>
  namespace Tag {
    export type Item = import('../prisma/client.js').Tag
    export type TypeInfo<Session = __Session> = {
      key: 'Tag'
      isSingleton: false
      fields: 'id' | 'name' | 'slug' | 'posts' | 'interviews'
      actions: never
      item: Item
      inputs: {
        where: TagWhereInput
        uniqueWhere: TagWhereUniqueInput
        create: TagCreateInput
        update: TagUpdateInput
        orderBy: TagOrderByInput
      }
      prisma: {
        create: ResolvedTagCreateInput
        update: ResolvedTagUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type ChatArchive<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.ChatArchive.TypeInfo<Session>>
  namespace ChatArchive {
    export type Item = import('../prisma/client.js').ChatArchive
    export type TypeInfo<Session = __Session> = {
      key: 'ChatArchive'
      isSingleton: false
      fields: 'id' | 'title' | 'slug' | 'hashtag' | 'windowStart' | 'windowEnd' | 'topic' | 'source' | 'networks' | 'mastodonServers' | 'hostHandles' | 'importedAt' | 'stats' | 'analysis' | 'importProblems' | 'messages' | 'recaps' | 'allowComments' | 'comments'
      actions: 'importFromX'
      item: Item
      inputs: {
        where: ChatArchiveWhereInput
        uniqueWhere: ChatArchiveWhereUniqueInput
        create: ChatArchiveCreateInput
        update: ChatArchiveUpdateInput
        orderBy: ChatArchiveOrderByInput
      }
      prisma: {
        create: ResolvedChatArchiveCreateInput
        update: ResolvedChatArchiveUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type ChatMessage<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.ChatMessage.TypeInfo<Session>>
  namespace ChatMessage {
    export type Item = import('../prisma/client.js').ChatMessage
    export type TypeInfo<Session = __Session> = {
      key: 'ChatMessage'
      isSingleton: false
      fields: 'id' | 'platform' | 'xId' | 'url' | 'editedAt' | 'archive' | 'author' | 'text' | 'postedAt' | 'kind' | 'inReplyToId' | 'conversationId' | 'referencedId' | 'repostOf' | 'entities' | 'media' | 'metrics' | 'confidentialityFlag'
      actions: never
      item: Item
      inputs: {
        where: ChatMessageWhereInput
        uniqueWhere: ChatMessageWhereUniqueInput
        create: ChatMessageCreateInput
        update: ChatMessageUpdateInput
        orderBy: ChatMessageOrderByInput
      }
      prisma: {
        create: ResolvedChatMessageCreateInput
        update: ResolvedChatMessageUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type Participant<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.Participant.TypeInfo<Session>>
  namespace Participant {
    export type Item = import('../prisma/client.js').Participant
    export type TypeInfo<Session = __Session> = {
      key: 'Participant'
      isSingleton: false
      fields: 'id' | 'platform' | 'xUserId' | 'handle' | 'displayName' | 'avatarUrl' | 'profileUrl' | 'samePersonAs' | 'redacted' | 'messages'
      actions: never
      item: Item
      inputs: {
        where: ParticipantWhereInput
        uniqueWhere: ParticipantWhereUniqueInput
        create: ParticipantCreateInput
        update: ParticipantUpdateInput
        orderBy: ParticipantOrderByInput
      }
      prisma: {
        create: ResolvedParticipantCreateInput
        update: ResolvedParticipantUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type Comment<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.Comment.TypeInfo<Session>>
  namespace Comment {
    export type Item = import('../prisma/client.js').Comment
    export type TypeInfo<Session = __Session> = {
      key: 'Comment'
      isSingleton: false
      fields: 'id' | 'post' | 'interview' | 'chatArchive' | 'parent' | 'authorName' | 'email' | 'body' | 'bodyHtml' | 'status' | 'byTeam' | 'heldReason' | 'createdAt'
      actions: never
      item: Item
      inputs: {
        where: CommentWhereInput
        uniqueWhere: CommentWhereUniqueInput
        create: CommentCreateInput
        update: CommentUpdateInput
        orderBy: CommentOrderByInput
      }
      prisma: {
        create: ResolvedCommentCreateInput
        update: ResolvedCommentUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
  export type SiteSettings<Session = __Session> = import('@keystone-6/core/types').ListConfig<Lists.SiteSettings.TypeInfo<Session>>
  namespace SiteSettings {
    export type Item = import('../prisma/client.js').SiteSettings
    export type TypeInfo<Session = __Session> = {
      key: 'SiteSettings'
      isSingleton: true
      fields: 'id' | 'siteName' | 'tagline' | 'disclaimer' | 'about' | 'aboutHtml' | 'defaultHashtag' | 'autoApproveReturningCommenters' | 'announcementTemplate' | 'chatWeekday' | 'chatLocalTime' | 'chatTimeZone'
      actions: never
      item: Item
      inputs: {
        where: SiteSettingsWhereInput
        uniqueWhere: SiteSettingsWhereUniqueInput
        create: SiteSettingsCreateInput
        update: SiteSettingsUpdateInput
        orderBy: SiteSettingsOrderByInput
      }
      prisma: {
        create: ResolvedSiteSettingsCreateInput
        update: ResolvedSiteSettingsUpdateInput
      }
      all: __TypeInfo<Session>
    }
  }
}
export type Context<Session = __Session> = import('@keystone-6/core/types').KeystoneContext<TypeInfo<Session>>
export type Config<Session = __Session> = import('@keystone-6/core/types').KeystoneConfig<TypeInfo<Session>>

export type TypeInfo<Session = __Session> = {
  lists: {
    readonly User: Lists.User.TypeInfo<Session>
    readonly Post: Lists.Post.TypeInfo<Session>
    readonly Interview: Lists.Interview.TypeInfo<Session>
    readonly InterviewQuestion: Lists.InterviewQuestion.TypeInfo<Session>
    readonly TopicAnnouncement: Lists.TopicAnnouncement.TypeInfo<Session>
    readonly Image: Lists.Image.TypeInfo<Session>
    readonly Tag: Lists.Tag.TypeInfo<Session>
    readonly ChatArchive: Lists.ChatArchive.TypeInfo<Session>
    readonly ChatMessage: Lists.ChatMessage.TypeInfo<Session>
    readonly Participant: Lists.Participant.TypeInfo<Session>
    readonly Comment: Lists.Comment.TypeInfo<Session>
    readonly SiteSettings: Lists.SiteSettings.TypeInfo<Session>
  }
  prisma: import('../prisma/client.js').PrismaClient
  prismaClientOptions: import('../prisma/client.js').Prisma.PrismaClientOptions
  session: Session
  dbProvider: 'sqlite'
}

type __TypeInfo<Session = __Session> = TypeInfo<Session>

export type Lists<Session = __Session> = {
  [Key in keyof TypeInfo['lists']]?: import('@keystone-6/core/types').ListConfig<TypeInfo<Session>['lists'][Key]>
} & Record<string, import('@keystone-6/core/types').ListConfig<any>>

export {}
