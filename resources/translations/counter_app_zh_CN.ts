<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptanceDialog</name>
    <message>
        <source>Accept case {number}</source>
        <translation>受理案件 {number}</translation>
    </message>
    <message>
        <source>Reading the materials and deadlines…</source>
        <translation>正在读取材料和办理期限…</translation>
    </message>
    <message>
        <source>Cannot be accepted yet</source>
        <translation>暂不能受理</translation>
    </message>
    <message>
        <source>Capture the missing materials first (or correct the application and pre-review it again), then accept the case.</source>
        <translation>请先采集上述缺少的材料（或补正申请内容并重新初审），然后再受理。</translation>
    </message>
    <message>
        <source>All materials are present: the case can be accepted as it is.</source>
        <translation>材料齐全，可以直接受理。</translation>
    </message>
    <message>
        <source>Missing materials that may be supplied later (容缺受理)</source>
        <translation>缺少的可容缺材料（容缺受理）</translation>
    </message>
    <message>
        <source>Only if the applicant chooses it: tick each item to defer, how it will be supplied and by when. Without 容缺 these items must be supplied before the case can be accepted.</source>
        <translation>须由申请人自愿选择：勾选要容缺的材料，并选择补交方式和补交期限。不办理容缺的，须补齐这些材料后才能受理。</translation>
    </message>
    <message>
        <source>The applicant has signed the 容缺 commitment letter (《容缺受理承诺书》) naming each item, how and by when</source>
        <translation>申请人已签署《容缺受理承诺书》（写明每项材料、补交方式和补交期限）</translation>
    </message>
    <message>
        <source>If an item is not supplied by its due date, the acceptance is revoked with a written notice.</source>
        <translation>逾期未补交的，将书面通知撤销受理。</translation>
    </message>
    <message>
        <source>Not accepted. Please resolve:</source>
        <translation>未能受理，请处理以下问题：</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>受理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Read again</source>
        <translation>重新读取(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The case could not be read.</source>
        <translation>无法读取该案件。</translation>
    </message>
    <message>
        <source>Committed decision date: {date} ({days} working days)</source>
        <translation>承诺办结日期：{date}（{days}个工作日）</translation>
    </message>
    <message>
        <source>Legal time limit: {legal}; for a complex case, with written notice: {extended}</source>
        <translation>法定办结期限：{legal}；复杂案件书面告知后可延长至：{extended}</translation>
    </message>
    <message>
        <source>Missing (cannot be deferred): {material}</source>
        <translation>缺少不可容缺的材料：{material}</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>正在受理…</translation>
    </message>
</context>
<context>
    <name>AcceptedDialog</name>
    <message>
        <source>Case {number} accepted</source>
        <translation>案件 {number} 已受理</translation>
    </message>
    <message>
        <source>Case {number} accepted with deferred materials (容缺受理)</source>
        <translation>案件 {number} 已容缺受理</translation>
    </message>
    <message>
        <source>Committed decision date: {date}</source>
        <translation>承诺办结日期：{date}</translation>
    </message>
    <message>
        <source>• {material}: {method}, by {date}</source>
        <translation>• {material}：{method}，{date}前补交</translation>
    </message>
    <message>
        <source>Print the receipt and the 容缺 notice (two copies: one for the applicant, one for the file) and hand them to the applicant.</source>
        <translation>请打印受理回执和《容缺受理通知书》（一式两份：申请人一份、存档一份），交给申请人。</translation>
    </message>
    <message>
        <source>Print the receipt and hand it to the applicant.</source>
        <translation>请打印受理回执，交给申请人。</translation>
    </message>
    <message>
        <source>Print the &amp;receipt…</source>
        <translation>打印受理回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Print the 容缺 &amp;notice…</source>
        <translation>打印容缺受理通知书(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>AdminSignInDialog</name>
    <message>
        <source>Administrator sign-in</source>
        <translation>管理员登录</translation>
    </message>
    <message>
        <source>The audit trail is for administrators. Sign in with an administrator account of the district service (online).</source>
        <translation>审计记录仅供管理员查看。请使用区级服务的管理员账号登录（需联网）。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>This account is not an administrator.</source>
        <translation>该账号不是管理员。</translation>
    </message>
</context>
<context>
    <name>AgentGroup</name>
    <message>
        <source>7 Authorised agent</source>
        <translation>7 委托代理人</translation>
    </message>
    <message>
        <source>An agent files on the operator&apos;s behalf</source>
        <translation>有委托代理人</translation>
    </message>
    <message>
        <source>1 Check copies of the materials and sign the check</source>
        <translation>1. 核对登记材料中的复印件并签署核对意见</translation>
    </message>
    <message>
        <source>2 Correct errors in the forms</source>
        <translation>2. 修改有关表格的填写错误</translation>
    </message>
    <message>
        <source>3 Correct errors in own documents</source>
        <translation>3. 修改自备文件的错误</translation>
    </message>
    <message>
        <source>4 Collect the licence and documents</source>
        <translation>4. 领取营业执照和有关文书</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>移动电话</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Powers</source>
        <translation>委托权限</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Sole proprietor registration</source>
        <translation>个体工商户登记受理</translation>
    </message>
</context>
<context>
    <name>ApplicationPanel</name>
    <message>
        <source>Show personal data (the read is recorded)</source>
        <translation>显示个人信息（查阅将被记录）</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Hide personal data</source>
        <translation>隐藏个人信息</translation>
    </message>
</context>
<context>
    <name>ApproveForm</name>
    <message>
        <source>Approve case {number}</source>
        <translation>核准案件 {number}</translation>
    </message>
    <message>
        <source>Approve and issue the licence</source>
        <translation>核准并发放执照</translation>
    </message>
    <message>
        <source>Approval issues the unified social credit code and the licence number. It cannot be undone here.</source>
        <translation>核准后将赋予统一社会信用代码和执照编号，在此不能撤销。</translation>
    </message>
    <message>
        <source>e.g. materials complete and consistent</source>
        <translation>例如：材料齐全，符合法定形式</translation>
    </message>
    <message>
        <source>Originals (正本)</source>
        <translation>正本份数</translation>
    </message>
    <message>
        <source>Duplicates (副本)</source>
        <translation>副本份数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>{count} material(s) on the checklist are not yet ticked as checked.</source>
        <translation>材料核对清单中有 {count} 项材料尚未勾选核对。</translation>
    </message>
</context>
<context>
    <name>AuditLabels</name>
    <message>
        <source>Case created</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Case opened (personal data viewed)</source>
        <translation>打开案件（查看个人信息）</translation>
    </message>
    <message>
        <source>Case edited</source>
        <translation>修改案件</translation>
    </message>
    <message>
        <source>Pre-review</source>
        <translation>初审</translation>
    </message>
    <message>
        <source>Case accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Case accepted with deferrals</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <source>Submitted to the district</source>
        <translation>提交区级</translation>
    </message>
    <message>
        <source>Resubmitted after correction</source>
        <translation>补正后重新提交</translation>
    </message>
    <message>
        <source>District received the case</source>
        <translation>区级已接收案件</translation>
    </message>
    <message>
        <source>All images delivered</source>
        <translation>图片已全部送达</translation>
    </message>
    <message>
        <source>District refused the submission</source>
        <translation>区级拒收提交</translation>
    </message>
    <message>
        <source>Submission queued again</source>
        <translation>重新排队提交</translation>
    </message>
    <message>
        <source>Status or decision received from the district</source>
        <translation>收到区级状态或审核决定</translation>
    </message>
    <message>
        <source>Image captured</source>
        <translation>采集图片</translation>
    </message>
    <message>
        <source>Image deleted</source>
        <translation>删除图片</translation>
    </message>
    <message>
        <source>Image viewed</source>
        <translation>查看图片</translation>
    </message>
    <message>
        <source>Original images purged</source>
        <translation>原始图片已清理</translation>
    </message>
    <message>
        <source>Document previewed</source>
        <translation>预览文书</translation>
    </message>
    <message>
        <source>Document printed</source>
        <translation>打印文书</translation>
    </message>
    <message>
        <source>Document exported as PDF</source>
        <translation>文书导出为 PDF</translation>
    </message>
    <message>
        <source>Pickup: case looked up</source>
        <translation>领取：查询案件</translation>
    </message>
    <message>
        <source>Licence arrived</source>
        <translation>执照到达</translation>
    </message>
    <message>
        <source>Licence handed over</source>
        <translation>执照已交付</translation>
    </message>
    <message>
        <source>Handover refused</source>
        <translation>拒绝交付</translation>
    </message>
    <message>
        <source>Wrong pickup code</source>
        <translation>领取码错误</translation>
    </message>
    <message>
        <source>Retention: images purged</source>
        <translation>保留期限：图片已清理</translation>
    </message>
    <message>
        <source>Retention: case data purged (masked index kept)</source>
        <translation>保留期限：案件资料已清理（保留脱敏索引）</translation>
    </message>
    <message>
        <source>Retention: expired audit records removed</source>
        <translation>保留期限：过期审计记录已删除</translation>
    </message>
    <message>
        <source>Audit trail verified</source>
        <translation>校验审计记录</translation>
    </message>
    <message>
        <source>Audit trail exported</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Signed in (online)</source>
        <translation>登录（在线）</translation>
    </message>
    <message>
        <source>Signed in (offline)</source>
        <translation>登录（离线）</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>登录被拒绝</translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>（已隐藏）</translation>
    </message>
</context>
<context>
    <name>AuditViewDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>按日期</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希值</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>{count} records shown</source>
        <translation>显示 {count} 条记录</translation>
    </message>
    <message>
        <source> (the newest {limit}; narrow the filter for older ones)</source>
        <translation>（最新 {limit} 条；查看更早记录请缩小筛选范围）</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>正在校验记录链…</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <source>{count} records exported with their hashes; the file can be verified on its own.</source>
        <translation>已导出 {count} 条记录（含哈希值），导出文件可独立校验。</translation>
    </message>
</context>
<context>
    <name>BackupMenu</name>
    <message>
        <source>On a new or replaced computer: install the program and start it. In the first-run wizard choose &quot;Restore from a backup&quot;, register the computer with a one-time code from the district administrator, sign in with a clerk account of this township and choose the backup file. The key of the backup is held by the district; cases not yet sent are sent after the restore.</source>
        <translation>在新电脑或更换后的电脑上：安装并启动本程序，在初始设置向导中选择“从备份恢复”，用区县管理员提供的一次性登记码登记本机，以本乡镇的受理员账号登录并选择备份文件。备份密钥由区级服务保管；尚未上传的案件在恢复后自动上传。</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份/恢复</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <source>Restore on a new computer…</source>
        <translation>在新电脑上恢复…</translation>
    </message>
    <message>
        <source>Restore on a new computer</source>
        <translation>在新电脑上恢复</translation>
    </message>
</context>
<context>
    <name>BackupTask</name>
    <message>
        <source>Save the backup as</source>
        <translation>备份文件另存为</translation>
    </message>
    <message>
        <source>Backup files (*.cbak)</source>
        <translation>备份文件 (*.cbak)</translation>
    </message>
    <message>
        <source>Sync is off in this window, so the backup key cannot be deposited with the district. Restart the program and try again.</source>
        <translation>本窗口未启用同步，无法把备份密钥托管到区级服务。请重新启动程序后再试。</translation>
    </message>
    <message>
        <source>Backing up the cases and images of this computer…</source>
        <translation>正在备份本机的案件和图片…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backing up… {done:.1f} of {total:.1f} MB</source>
        <translation>正在备份… {done:.1f} / {total:.1f} MB</translation>
    </message>
    <message>
        <source>Backed up to {path} ({size:.1f} MB): {cases} cases, {unsynced} of them not yet received by the district, {images} image files.

Keep the file away from this computer (USB drive or network share). On a new computer it is restored with a clerk account of this township; the key is held by the district.</source>
        <translation>已备份到 {path}（{size:.1f} MB）：{cases} 个案件，其中 {unsynced} 个尚未送达区级；{images} 个图片文件。

请把备份文件保存在本机以外（U 盘或网络共享）。在新电脑上用本乡镇的受理员账号即可恢复，备份密钥由区级服务保管。</translation>
    </message>
    <message>
        <source>The backup was cancelled; no file was written.</source>
        <translation>备份已取消，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>BusinessGroup</name>
    <message>
        <source>4 Business information</source>
        <translation>4 经营信息</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Structure: administrative division + trade name + industry + organisational form, e.g. 攀枝花市仁和区张三五金店</source>
        <translation>名称结构：行政区划 + 字号 + 行业 + 组织形式，例如：攀枝花市仁和区张三五金店；可不使用名称</translation>
    </message>
    <message>
        <source>e.g. 5</source>
        <translation>例如 5</translation>
    </message>
    <message>
        <source>Paper licence requested</source>
        <translation>申领纸质执照</translation>
    </message>
    <message>
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>副本数：</translation>
    </message>
    <message>
        <source>Business name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Capital (10,000 yuan)</source>
        <translation>出资额（万元）</translation>
    </message>
    <message>
        <source>Number of employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <source>Business phone</source>
        <translation>经营电话</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>营业执照</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>The camera for the applicant&apos;s portrait and the documents. Try it: one picture should appear.</source>
        <translation>用于拍摄申请人现场人像和材料的摄像头。请点击“测试摄像头”，应能看到一张画面。</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Test the camera</source>
        <translation>测试摄像头</translation>
    </message>
    <message>
        <source>No picture yet</source>
        <translation>尚无画面</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>摄像头(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source>Simulated camera (demo)</source>
        <translation>模拟摄像头（演示）</translation>
    </message>
    <message>
        <source>Default camera (number 0)</source>
        <translation>默认摄像头（0号）</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>正在查找摄像头…</translation>
    </message>
    <message>
        <source>{count} camera(s) found.</source>
        <translation>找到 {count} 个摄像头。</translation>
    </message>
    <message>
        <source>No camera was found. Check that it is connected; it can also be chosen later (Settings → Camera).</source>
        <translation>未找到摄像头。请检查是否已连接；也可以稍后在“设置 → 摄像头”中选择。</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <source>The camera works ({width} × {height}).</source>
        <translation>摄像头工作正常（{width} × {height}）。</translation>
    </message>
</context>
<context>
    <name>CameraSettingsDialog</name>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>{size} (recommended)</source>
        <translation>{size}（推荐）</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>摄像头(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source>The camera may deliver a different resolution than requested; 1280 × 720 is enough for the ID photo and keeps the preview smooth.</source>
        <translation>摄像头实际输出的分辨率可能与所选不同；1280 × 720 足以满足证件照要求，且预览流畅。</translation>
    </message>
    <message>
        <source>Simulated camera (demo)</source>
        <translation>模拟摄像头（演示）</translation>
    </message>
    <message>
        <source>Default camera (number 0)</source>
        <translation>默认摄像头（0 号）</translation>
    </message>
    <message>
        <source>Camera {number} (not connected now)</source>
        <translation>摄像头 {number}（当前未连接）</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>正在查找摄像头…</translation>
    </message>
    <message>
        <source>{count} camera(s) found.</source>
        <translation>找到 {count} 个摄像头。</translation>
    </message>
    <message>
        <source>No camera was found. Check that it is connected and not used by another program; photos can also be loaded from files.</source>
        <translation>未找到摄像头。请检查摄像头是否已连接、是否被其他程序占用；也可以从文件选择照片。</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>Accept… (F11)</source>
        <translation>受理… (F11)</translation>
    </message>
    <message>
        <source>受理: accept the pre-reviewed case, under 容缺 if the applicant chooses it</source>
        <translation>受理已初审的案件；申请人选择时可办理容缺受理</translation>
    </message>
    <message>
        <source>Submit to district (F12)</source>
        <translation>提交区级 (F12)</translation>
    </message>
    <message>
        <source>提交: put the accepted case in the outbox; it is sent to the district whenever the link allows</source>
        <translation>将已受理的案件放入待上传队列，网络可用时自动发送到区级</translation>
    </message>
    <message>
        <source>Only a pre-reviewed case can be accepted; this one is {status}. Run the pre-review (F9) first.</source>
        <translation>只有已初审的案件可以受理，该案件当前为“{status}”。请先初审（F9）。</translation>
    </message>
    <message>
        <source>Case {number} is now {status}; committed decision date {date}</source>
        <translation>案件 {number} 当前状态：{status}；承诺办结日期 {date}</translation>
    </message>
    <message>
        <source>Only an accepted case can be submitted; this one is {status}.</source>
        <translation>只有已受理的案件可以提交到区级，该案件当前为“{status}”。</translation>
    </message>
    <message>
        <source>Submitting case {number}…</source>
        <translation>正在提交案件 {number}…</translation>
    </message>
    <message>
        <source>Case {number} submitted to the district: {status}. It is sent whenever the link allows.</source>
        <translation>案件 {number} 已提交区级：{status}。网络可用时自动上传。</translation>
    </message>
    <message>
        <source>Not submitted: {message}</source>
        <translation>未能提交：{message}</translation>
    </message>
    <message>
        <source>Upload: {state}</source>
        <translation>上传：{state}</translation>
    </message>
</context>
<context>
    <name>CaseCorrections</name>
    <message>
        <source>Resubmit</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <source>{count} correction item(s) are not ticked. Resubmit anyway?</source>
        <translation>还有 {count} 项补正未勾选为已处理。仍要重新提交吗？</translation>
    </message>
    <message>
        <source>Case {number} resubmitted as version {version}.</source>
        <translation>案件 {number} 已作为第{version}版重新提交。</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>Unexpected error ({error}); your input is kept in the form</source>
        <translation>发生意外错误（{error}），已填写的内容仍保留在表单中</translation>
    </message>
    <message>
        <source>Create a new case or open one from the list.</source>
        <translation>请新建案件，或从左侧列表中打开案件。</translation>
    </message>
    <message>
        <source>Application form</source>
        <translation>申请信息</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Case {number} · {status}</source>
        <translation>案件 {number} · {status}</translation>
    </message>
    <message>
        <source>This case can no longer be changed; it is shown read-only.</source>
        <translation>该案件已不能修改，仅供查看。</translation>
    </message>
    <message>
        <source>Unsaved changes…</source>
        <translation>有尚未保存的修改…</translation>
    </message>
    <message>
        <source>Saved automatically at {time}</source>
        <translation>已自动保存 {time}</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>未保存：{message}</translation>
    </message>
    <message>
        <source>Pre-review passed; {count} required materials must still be captured before acceptance</source>
        <translation>初审通过；受理前还须采集 {count} 项必需材料</translation>
    </message>
    <message>
        <source>Pre-review passed</source>
        <translation>初审通过</translation>
    </message>
    <message>
        <source>Pre-review found {count} items to fix</source>
        <translation>初审发现 {count} 项需要更正</translation>
    </message>
    <message>
        <source>Checked: the corrected case can be resubmitted.</source>
        <translation>检查通过：补正后的案件可以重新提交。</translation>
    </message>
    <message>
        <source>Pre-review failed: {message}</source>
        <translation>初审未能完成：{message}</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Case number, name, pinyin initials or ID ending</source>
        <translation>案件编号、姓名、拼音首字母或证件号后几位</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <source>Cases: {count}</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>The case list could not be loaded ({error})</source>
        <translation>案件列表加载失败（{error}）</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Business name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写）</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Application</source>
        <translation>申请信息</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料核对</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>校验结果</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>本次变更</translation>
    </message>
    <message>
        <source>History</source>
        <translation>案件历史</translation>
    </message>
    <message>
        <source>No portrait</source>
        <translation>无现场人像</translation>
    </message>
    <message>
        <source>No ID card image</source>
        <translation>无身份证图像</translation>
    </message>
    <message>
        <source>On-site portrait</source>
        <translation>现场人像</translation>
    </message>
    <message>
        <source>ID card (photo side)</source>
        <translation>身份证（人像面）</translation>
    </message>
    <message>
        <source>Choose a page</source>
        <translation>请选择一页材料</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>原始大小</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Return for correction…</source>
        <translation>退回补正…</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>不予登记…</translation>
    </message>
    <message>
        <source>Extend limit…</source>
        <translation>延期…</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <source>Back to queue</source>
        <translation>返回队列</translation>
    </message>
    <message>
        <source>Record dispatch…</source>
        <translation>登记寄出…</translation>
    </message>
    <message>
        <source>The approved licence was printed and sent (mail or hand delivery)</source>
        <translation>已核准的营业执照已打印并送出（邮寄或专人送达）</translation>
    </message>
    <message>
        <source>Findings ({count})</source>
        <translation>校验结果（{count}）</translation>
    </message>
    <message>
        <source>Changes ({count})</source>
        <translation>本次变更（{count}）</translation>
    </message>
    <message>
        <source> (extended)</source>
        <translation>（已延期）</translation>
    </message>
    <message>
        <source>Case {number} · township {township} · {status} · version {version} · committed limit {committed} · legal limit {legal}{extended}</source>
        <translation>案件 {number} · 乡镇 {township} · {status} · 第 {version} 版 · 承诺期限 {committed} · 法定期限 {legal}{extended}</translation>
    </message>
    <message>
        <source>Approval is blocked until the deferred (容缺) items are supplied: {items}</source>
        <translation>容缺材料补齐前不能批准：{items}</translation>
    </message>
    <message>
        <source>USCC {uscc} · licence no. {licence} · approved on {date}</source>
        <translation>统一社会信用代码 {uscc} · 执照编号 {licence} · 核准日期 {date}</translation>
    </message>
    <message>
        <source> p. {page}</source>
        <translation> 第 {page} 页</translation>
    </message>
    <message>
        <source> (supplied later)</source>
        <translation>（补交）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Image still uploading from the counter; it appears by itself</source>
        <translation>图像仍在上传（乡镇窗口正在发送），到达后自动显示</translation>
    </message>
    <message>
        <source>Image still uploading</source>
        <translation>图像仍在上传</translation>
    </message>
    <message>
        <source>The image could not be loaded; retrying</source>
        <translation>图像加载失败，正在重试</translation>
    </message>
    <message>
        <source>Thumbnail · full image still uploading</source>
        <translation>缩略图 · 原图仍在上传</translation>
    </message>
    <message>
        <source>Thumbnail · loading the full image</source>
        <translation>缩略图 · 正在加载原图</translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <source>Field or document</source>
        <translation>字段或材料</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>No changes against version {version}.</source>
        <translation>与第 {version} 版相比没有变更。</translation>
    </message>
    <message>
        <source>First submission: nothing to compare.</source>
        <translation>首次提交，无可比较的版本。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>已更换</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>{count} page(s)</source>
        <translation>{count} 页</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已核对</translation>
    </message>
</context>
<context>
    <name>CommitmentsGroup</name>
    <message>
        <source>8 Commitments</source>
        <translation>8 承诺</translation>
    </message>
    <message>
        <source>The materials submitted are true and valid</source>
        <translation>提交的材料真实有效</translation>
    </message>
    <message>
        <source>The business name complies with the rules</source>
        <translation>使用的名称符合有关规定</translation>
    </message>
    <message>
        <source>The operator has the right to use the premises</source>
        <translation>依法享有经营场所的使用权</translation>
    </message>
    <message>
        <source>No licensed activity before the approval is granted</source>
        <translation>取得许可前不从事许可经营活动</translation>
    </message>
    <message>
        <source>Signed by the operator</source>
        <translation>经营者已签字</translation>
    </message>
    <message>
        <source>The operator commits</source>
        <translation>经营者承诺</translation>
    </message>
</context>
<context>
    <name>CompositionGroup</name>
    <message>
        <source>2 Form of organisation</source>
        <translation>2 组成形式</translation>
    </message>
    <message>
        <source>Individual business</source>
        <translation>个人经营</translation>
    </message>
    <message>
        <source>Family business</source>
        <translation>家庭经营</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>组成形式</translation>
    </message>
    <message>
        <source>Participating family members (every member signs)</source>
        <translation>参加经营的家庭成员（每位成员均须签字）</translation>
    </message>
    <message>
        <source>Add family member</source>
        <translation>添加家庭成员</translation>
    </message>
</context>
<context>
    <name>CornerEditor</name>
    <message>
        <source>top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>Document photo with corner handles</source>
        <translation>带四个角点的文件照片</translation>
    </message>
    <message>
        <source>Corner {number} ({name}) selected; arrow keys move it</source>
        <translation>已选中角点 {number}（{name}），可用方向键移动</translation>
    </message>
    <message>
        <source>Take a photo with the camera or choose an image file.</source>
        <translation>请用摄像头拍摄，或从文件选择照片。</translation>
    </message>
</context>
<context>
    <name>CorrectionsPanel</name>
    <message>
        <source>Changed since the district returned the case.</source>
        <translation>退回后已修改。</translation>
    </message>
    <message>
        <source>Returned for correction{who}: {done} of {total} items dealt with</source>
        <translation>区级退回补正{who}：共 {total} 项，已处理 {done} 项</translation>
    </message>
    <message>
        <source>Resubmit as version {version}</source>
        <translation>补正后重新提交（第{version}版）</translation>
    </message>
</context>
<context>
    <name>CounterSession</name>
    <message>
        <source>This account ({role}) has no workspace in the counter client. Use the district service&apos;s administration tools.</source>
        <translation>该账号（{role}）在窗口客户端中没有对应的工作台，请使用区级审核服务的管理工具。</translation>
    </message>
    <message>
        <source>The reviewer workspace is not available in this version of the counter client yet.</source>
        <translation>当前版本的窗口客户端尚未提供审核员工作台。</translation>
    </message>
    <message>
        <source>The open case could not be saved, so the user cannot change yet. Try again.</source>
        <translation>当前案件未能保存，暂时不能更换用户。请重试。</translation>
    </message>
    <message>
        <source>Acc&amp;ount</source>
        <translation>账号(&amp;O)</translation>
    </message>
    <message>
        <source>Lock screen</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Signed in: {name} ({user})</source>
        <translation>当前用户：{name}（{user}）</translation>
    </message>
    <message>
        <source> · offline sign-in</source>
        <translation> · 离线登录</translation>
    </message>
</context>
<context>
    <name>DecisionFlow</name>
    <message>
        <source>Loading the standard phrases…</source>
        <translation>正在加载标准用语…</translation>
    </message>
    <message>
        <source>Extending the limit…</source>
        <translation>正在办理延期…</translation>
    </message>
    <message>
        <source>Legal limit extended to {date}.</source>
        <translation>法定期限已延长至 {date}。</translation>
    </message>
    <message>
        <source>Recording the dispatch…</source>
        <translation>正在登记寄出…</translation>
    </message>
    <message>
        <source>Releasing the case…</source>
        <translation>正在释放案件…</translation>
    </message>
    <message>
        <source>Recording the decision…</source>
        <translation>正在记录审核决定…</translation>
    </message>
</context>
<context>
    <name>DeferralTable</name>
    <message>
        <source>Missing material</source>
        <translation>缺少的材料</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>容缺</translation>
    </message>
    <message>
        <source>How it will be supplied</source>
        <translation>补交方式</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <source>The applicant chooses to supply this item later (容缺受理)</source>
        <translation>申请人选择以后补交此项材料（容缺受理）</translation>
    </message>
    <message>
        <source>Not later than the committed decision date</source>
        <translation>不得晚于承诺办结日期</translation>
    </message>
</context>
<context>
    <name>DispatchForm</name>
    <message>
        <source>Record the licence dispatch of case {number}</source>
        <translation>登记案件 {number} 的执照寄出</translation>
    </message>
    <message>
        <source>Record dispatch</source>
        <translation>登记寄出</translation>
    </message>
    <message>
        <source>The licence was printed and is sent to the township now. The township records its arrival.</source>
        <translation>执照已打印，现寄往乡镇；送达后由乡镇登记到达。</translation>
    </message>
    <message>
        <source>Licence {licence} · USCC {uscc}</source>
        <translation>执照编号 {licence} · 统一社会信用代码 {uscc}</translation>
    </message>
    <message>
        <source>By mail</source>
        <translation>邮寄</translation>
    </message>
    <message>
        <source>Hand delivery</source>
        <translation>专人送达</translation>
    </message>
    <message>
        <source>e.g. EA123456789CN</source>
        <translation>例如 EA123456789CN</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运单位</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Mail needs the carrier and the tracking number.</source>
        <translation>邮寄须填写承运单位和运单号。</translation>
    </message>
    <message>
        <source>Enter the carrier.</source>
        <translation>请填写承运单位。</translation>
    </message>
    <message>
        <source>Enter the tracking number.</source>
        <translation>请填写运单号。</translation>
    </message>
    <message>
        <source>The tracking number has 6 to 40 letters or digits.</source>
        <translation>运单号应为 6 至 40 位字母或数字。</translation>
    </message>
    <message>
        <source>Case {number}: licence dispatched by hand delivery.</source>
        <translation>案件 {number}：执照已专人送达。</translation>
    </message>
    <message>
        <source>Case {number}: licence sent by {carrier}, tracking number {tracking}.</source>
        <translation>案件 {number}：执照已由{carrier}寄出，运单号 {tracking}。</translation>
    </message>
</context>
<context>
    <name>DistrictPage</name>
    <message>
        <source>District service</source>
        <translation>区级审核服务</translation>
    </message>
    <message>
        <source>Enter the address of the district review service and check the connection.</source>
        <translation>请输入区级审核服务的地址，并检查连接。</translation>
    </message>
    <message>
        <source>Empty: the certificate is checked with the public CAs</source>
        <translation>留空：用公共证书机构验证服务器证书</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>检查连接</translation>
    </message>
    <message>
        <source>Service &amp;address:</source>
        <translation>服务地址(&amp;A)：</translation>
    </message>
    <message>
        <source>CA certificate (optional):</source>
        <translation>CA 证书（可选）：</translation>
    </message>
    <message>
        <source>The connection is encrypted (https) and the server&apos;s certificate must verify. If the district uses its own certificate authority, choose the CA certificate file the administrator gave you.</source>
        <translation>连接经过加密（https），服务器证书必须验证通过。如区县使用自建证书机构，请选择管理员提供的 CA 证书文件。</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>正在检查连接…</translation>
    </message>
</context>
<context>
    <name>DocumentCaptureDialog</name>
    <message>
        <source>Document capture</source>
        <translation>文件采集</translation>
    </message>
    <message>
        <source>Take with camera (F6)</source>
        <translation>摄像头拍摄 (F6)</translation>
    </message>
    <message>
        <source>Choose image file… (Ctrl+O)</source>
        <translation>从文件选择… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Photo: drag the four corners onto the page (Tab selects, arrows move)</source>
        <translation>原图：将四个角点拖到文件四角（Tab 选择角点，方向键移动）</translation>
    </message>
    <message>
        <source>The flattened page appears here.</source>
        <translation>校正后的文件显示在这里。</translation>
    </message>
    <message>
        <source>Flattened page</source>
        <translation>校正后</translation>
    </message>
    <message>
        <source>Rotate 90° (Ctrl+R)</source>
        <translation>旋转 90° (Ctrl+R)</translation>
    </message>
    <message>
        <source>Detect outline again</source>
        <translation>重新检测边缘</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save and add next page</source>
        <translation>保存并拍下一页</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{material}: new page {number}</source>
        <translation>{material}：新增第 {number} 页</translation>
    </message>
    <message>
        <source>{material}: retake page {number}</source>
        <translation>{material}：重拍第 {number} 页</translation>
    </message>
    <message>
        <source>Choose a photo of the document</source>
        <translation>选择文件照片</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
    <message>
        <source>Reading and analysing the photo…</source>
        <translation>正在读取并分析照片…</translation>
    </message>
    <message>
        <source>Taking the photo…</source>
        <translation>正在拍摄…</translation>
    </message>
    <message>
        <source>Flattening the page…</source>
        <translation>正在校正…</translation>
    </message>
    <message>
        <source>Detecting the outline…</source>
        <translation>正在检测边缘…</translation>
    </message>
    <message>
        <source>{width} × {height} pixels, {dpi} dpi</source>
        <translation>{width} × {height} 像素，{dpi} dpi</translation>
    </message>
    <message>
        <source>Saving the page…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Page {number} saved. Take the next page.</source>
        <translation>第 {number} 页已保存，请拍摄下一页。</translation>
    </message>
</context>
<context>
    <name>ExtensionForm</name>
    <message>
        <source>Extend the limit of case {number}</source>
        <translation>延长案件 {number} 的办理时限</translation>
    </message>
    <message>
        <source>Extend by 3 working days</source>
        <translation>延长 3 个工作日</translation>
    </message>
    <message>
        <source>The legal limit can be extended once by 3 working days; the reason is recorded.</source>
        <translation>法定时限可延长一次，延长 3 个工作日；延期理由将被记录。</translation>
    </message>
</context>
<context>
    <name>FamilyMemberRow</name>
    <message>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Family member {number}</source>
        <translation>家庭成员 {number}</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>No findings: the application passes the validation rules.</source>
        <translation>无校验问题：申请信息符合校验规则。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Ready</source>
        <translation>设置完成</translation>
    </message>
    <message>
        <source>Check the choices and press Finish to save them.</source>
        <translation>请核对以下设置，点击“完成”保存。</translation>
    </message>
    <message>
        <source>Mode: embedded demo (no real personal data)</source>
        <translation>模式：内置演示（不得录入真实个人信息）</translation>
    </message>
    <message>
        <source>The data of the replaced computer was restored from its backup.</source>
        <translation>已从备份恢复被替换电脑的数据。</translation>
    </message>
    <message>
        <source>District service: {url}</source>
        <translation>区级审核服务：{url}</translation>
    </message>
    <message>
        <source>CA certificate: {path}</source>
        <translation>CA 证书：{path}</translation>
    </message>
    <message>
        <source>This computer: district review computer (reviewers sign in here)</source>
        <translation>本机：区级审核电脑（审核员在此登录）</translation>
    </message>
    <message>
        <source>Counter: {township} ({code}) {counter}, number {number}</source>
        <translation>窗口：{township}（{code}）{counter}，编号 {number}</translation>
    </message>
    <message>
        <source>the default camera</source>
        <translation>默认摄像头</translation>
    </message>
    <message>
        <source>camera {number}</source>
        <translation>{number}号摄像头</translation>
    </message>
    <message>
        <source>the simulated camera</source>
        <translation>模拟摄像头</translation>
    </message>
    <message>
        <source>Camera: {camera} at {width} × {height}</source>
        <translation>摄像头：{camera}，{width} × {height}</translation>
    </message>
    <message>
        <source>Printer: {printer}</source>
        <translation>打印机：{printer}</translation>
    </message>
    <message>
        <source>save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up this counter</source>
        <translation>窗口电脑初始设置</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The settings could not be saved in {folder} ({error}).</source>
        <translation>设置无法保存到 {folder}（{error}）。</translation>
    </message>
</context>
<context>
    <name>HandoverForm</name>
    <message>
        <source>Hand over the licence</source>
        <translation>交付营业执照</translation>
    </message>
    <message>
        <source>6 digits from the slip</source>
        <translation>领取通知单上的6位数字</translation>
    </message>
    <message>
        <source>Number on the ID presented</source>
        <translation>所出示证件上的号码</translation>
    </message>
    <message>
        <source>I compared the person with the ID photo: they match</source>
        <translation>已当面核对领取人与证件照片，确认一致</translation>
    </message>
    <message>
        <source>Agent: I checked the signed authorisation (power to collect the licence)</source>
        <translation>委托领取：已核验经营者签署的授权委托书（含领取营业执照权限）</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <source>Photo of signed slip…</source>
        <translation>拍摄已签字的领取单…</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>暂不评价</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>确认交付</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>领取码</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>领取人签名</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度评价</translation>
    </message>
    <message>
        <source>Photo attached</source>
        <translation>已附照片</translation>
    </message>
    <message>
        <source>Photo of the signed slip</source>
        <translation>已签字领取单的照片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>The photo could not be read.</source>
        <translation>无法读取该照片。</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>{date}  accepted at the counter</source>
        <translation>{date}  乡镇窗口受理</translation>
    </message>
    <message>
        <source>{time}  version {version} received</source>
        <translation>{time}  收到第 {version} 版</translation>
    </message>
    <message>
        <source>limit extended</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>{time}  version {version}: {what} by {who}</source>
        <translation>{time}  第 {version} 版：{what}（{who}）</translation>
    </message>
    <message>
        <source>Limit extended: {reason}</source>
        <translation>已延期：{reason}</translation>
    </message>
    <message>
        <source>Claimed by {name} until {time}</source>
        <translation>{name} 已领取，至 {time}</translation>
    </message>
</context>
<context>
    <name>IssueSummaryPanel</name>
    <message>
        <source>Pre-review (F9)</source>
        <translation>初审 (F9)</translation>
    </message>
    <message>
        <source>Items to fix</source>
        <translation>待更正事项</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>[{kind}] {field}: {message}</source>
        <translation>【{kind}】{field}：{message}</translation>
    </message>
    <message>
        <source>{errors} errors, {warnings} warnings</source>
        <translation>错误 {errors} 项，提示 {warnings} 项</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Application data passed pre-review; {count} required materials still to capture</source>
        <translation>申请信息初审通过，受理前还须采集 {count} 项必需材料</translation>
    </message>
    <message>
        <source>Pre-review passed</source>
        <translation>初审通过</translation>
    </message>
    <message>
        <source>Pre-review not passed: {count} items must be fixed</source>
        <translation>初审未通过：有 {count} 项须更正</translation>
    </message>
</context>
<context>
    <name>LiaisonGroup</name>
    <message>
        <source>6 Liaison</source>
        <translation>6 联络员</translation>
    </message>
    <message>
        <source>Same as operator</source>
        <translation>同经营者</translation>
    </message>
    <message>
        <source>Copy the operator&apos;s name, phones, e-mail and document</source>
        <translation>复制经营者的姓名、电话、电子邮箱和证件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>移动电话</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Locked by {name} ({user}). Enter the password to continue.</source>
        <translation>{name}（{user}）已锁定屏幕。请输入密码继续。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sole proprietor registration — {counter}</source>
        <translation>个体工商户登记受理 — {counter}</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Licence pickup</source>
        <translation>执照领取</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Find case</source>
        <translation>查找案件</translation>
    </message>
    <message>
        <source>Save now</source>
        <translation>立即保存</translation>
    </message>
    <message>
        <source>Pre-review</source>
        <translation>初审</translation>
    </message>
    <message>
        <source>Licence pickup desk</source>
        <translation>执照领取窗口</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send the open case again</source>
        <translation>重新发送当前案件</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Print settings…</source>
        <translation>打印设置…</translation>
    </message>
    <message>
        <source>Camera…</source>
        <translation>摄像头…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>审计记录…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The open case could not be saved. Discard its latest changes and continue?</source>
        <translation>当前案件未能保存。是否放弃最近的修改并继续？</translation>
    </message>
    <message>
        <source>Opened case {number}</source>
        <translation>已打开案件 {number}</translation>
    </message>
    <message>
        <source>The print settings could not be saved ({error})</source>
        <translation>打印设置未能保存（{error}）</translation>
    </message>
    <message>
        <source>Print settings saved.</source>
        <translation>打印设置已保存。</translation>
    </message>
    <message>
        <source>The camera settings could not be saved ({error})</source>
        <translation>摄像头设置未能保存（{error}）</translation>
    </message>
    <message>
        <source>Camera settings saved.</source>
        <translation>摄像头设置已保存。</translation>
    </message>
    <message>
        <source>The language could not be saved ({error})</source>
        <translation>语言设置未能保存（{error}）</translation>
    </message>
    <message>
        <source>The language changes the next time the program starts.</source>
        <translation>界面语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Open the case to send again first.</source>
        <translation>请先打开需要重新发送的案件。</translation>
    </message>
    <message>
        <source>The case is queued to be sent again.</source>
        <translation>案件已重新加入待上传队列。</translation>
    </message>
    <message>
        <source>The open case is not waiting for a retry.</source>
        <translation>当前案件无需重新发送。</translation>
    </message>
</context>
<context>
    <name>MaterialsPanel</name>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>“{material}” is queued for the district.</source>
        <translation>“{material}”已加入待上传队列，将补交区级。</translation>
    </message>
    <message>
        <source>Premises proof — one of the following:</source>
        <translation>经营场所证明（以下任选其一）：</translation>
    </message>
    <message>
        <source>The district has this case: its deferred items can still be captured and sent.</source>
        <translation>区级已收到本案件：容缺材料仍可采集并补交。</translation>
    </message>
    <message>
        <source>Only missing materials can be added to this case now.</source>
        <translation>本案件已容缺受理：只能补充缺少的材料，已有材料不能重拍或删除。</translation>
    </message>
    <message>
        <source>This case can no longer be changed; its materials are shown read-only.</source>
        <translation>本案件已不能修改，材料只读显示。</translation>
    </message>
    <message>
        <source>Required materials: complete.</source>
        <translation>必需材料：已齐全。</translation>
    </message>
    <message>
        <source>Required materials: {count} missing (marked red below).</source>
        <translation>必需材料：缺 {count} 项（下方红色标出）。</translation>
    </message>
    <message>
        <source>Deferrable, may be supplied later: {count}.</source>
        <translation>可容缺后补：{count} 项。</translation>
    </message>
    <message>
        <source>Material saved: page {number}</source>
        <translation>材料已保存：第 {number} 页</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>删除页</translation>
    </message>
    <message>
        <source>Delete page {number} of “{material}”? This cannot be undone.</source>
        <translation>删除“{material}”的第 {number} 页？删除后不能恢复。</translation>
    </message>
    <message>
        <source>Page deleted.</source>
        <translation>已删除该页。</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <source>This computer is set up for the first time. Choose how it works.</source>
        <translation>本机首次启动，请选择使用方式。</translation>
    </message>
    <message>
        <source>Embedded demo: a district service on this computer, demo accounts and a simulated camera. Do not enter real personal data.</source>
        <translation>内置演示：在本机模拟区级服务，使用演示账号和模拟摄像头。请勿录入真实个人信息。</translation>
    </message>
    <message>
        <source>Connect to the district review service (normal use at a township counter)</source>
        <translation>连接区级审核服务（乡镇窗口正式使用）</translation>
    </message>
    <message>
        <source>Restore from a backup (this computer replaces one whose data was backed up)</source>
        <translation>从备份恢复（本机替换一台做过备份的窗口电脑）</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>数据目录：{folder}</translation>
    </message>
    <message>
        <source>The district administrator gives you the service address, its CA certificate if it uses its own, and a one-time registration code.</source>
        <translation>服务地址、CA 证书（如区县使用自建证书）和一次性设备登记码由区县管理员提供。</translation>
    </message>
</context>
<context>
    <name>OperatorGroup</name>
    <message>
        <source>1 Operator</source>
        <translation>1 经营者</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 1990-01-31</translation>
    </message>
    <message>
        <source>e.g. 13800138000</source>
        <translation>例如 13800138000</translation>
    </message>
    <message>
        <source>e.g. 0812-2900000</source>
        <translation>例如 0812-2900000</translation>
    </message>
    <message>
        <source>As on the identity document</source>
        <translation>与身份证件上的住址一致</translation>
    </message>
    <message>
        <source>Aged 16-17 and living on own earnings</source>
        <translation>16–17 周岁，以自己的劳动收入为主要生活来源</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>移动电话</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
</context>
<context>
    <name>OverrideReasonDialog</name>
    <message>
        <source>Keep a capture that failed the checks</source>
        <translation>保留未通过检查的照片</translation>
    </message>
    <message>
        <source>This capture did not pass every quality check. Keep it only if a better one cannot be taken, and say why; the reason is recorded with the material.</source>
        <translation>这张照片未通过全部质量检查。只有在无法拍得更好时才保留，并请说明原因；原因将与材料一起记录。</translation>
    </message>
    <message>
        <source>The applicant cannot keep the required posture (health reasons)</source>
        <translation>申请人因健康原因无法保持规定姿势</translation>
    </message>
    <message>
        <source>Religious head covering</source>
        <translation>因宗教信仰佩戴头饰</translation>
    </message>
    <message>
        <source>The counter&apos;s lighting cannot be improved now</source>
        <translation>窗口现场光线暂时无法改善</translation>
    </message>
    <message>
        <source>The original document is damaged or faded; this is the best possible copy</source>
        <translation>原件破损或褪色，已是能拍到的最佳效果</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Failed checks:</source>
        <translation>未通过的检查：</translation>
    </message>
</context>
<context>
    <name>PickupDesk</name>
    <message>
        <source>Scan the slip&apos;s QR code or type the case number</source>
        <translation>扫描领取通知单二维码或输入案件编号</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Scan image…</source>
        <translation>从图片识别…</translation>
    </message>
    <message>
        <source>No case selected. Scan a slip or pick a case from the lists.</source>
        <translation>尚未选择案件。请扫描领取通知单，或从左侧列表中选择。</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>委托代理人</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>领取期限</translation>
    </message>
    <message>
        <source>Reprint slip (new code)</source>
        <translation>补打通知单（换新领取码）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation>联络员</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Message left</source>
        <translation>已留言</translation>
    </message>
    <message>
        <source>Record notification</source>
        <translation>记录通知</translation>
    </message>
    <message>
        <source>Tell the applicant</source>
        <translation>通知申请人</translation>
    </message>
    <message>
        <source>Image of the pickup slip</source>
        <translation>领取通知单图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <source>No QR code could be read. Hold the slip flat and closer, or type the number.</source>
        <translation>未能识别二维码。请将通知单放平、靠近一些，或直接输入案件编号。</translation>
    </message>
    <message>
        <source>Case {number} · {status}</source>
        <translation>案件 {number} · {status}</translation>
    </message>
    <message>
        <source>(no business name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>may collect the licence</source>
        <translation>有权领取营业执照</translation>
    </message>
    <message>
        <source>may NOT collect the licence</source>
        <translation>无权领取营业执照</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>[overdue]</source>
        <translation>[已逾期]</translation>
    </message>
    <message>
        <source>Arrival recorded. Print the pickup slip and give it to the applicant; the old code, if any, no longer works.</source>
        <translation>已登记执照到达。请打印领取通知单交给申请人；原领取码（如有）已失效。</translation>
    </message>
    <message>
        <source>Notification recorded.</source>
        <translation>已记录通知。</translation>
    </message>
    <message>
        <source>Licence handed over at {time}. The pickup code is now invalid.</source>
        <translation>营业执照已于 {time} 交付，领取码已失效。</translation>
    </message>
</context>
<context>
    <name>PickupLists</name>
    <message>
        <source>Record arrival and print the slip</source>
        <translation>登记到达并打印领取通知单</translation>
    </message>
    <message>
        <source>Licences sent by the district</source>
        <translation>区级已寄出的执照</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Waiting for pickup</source>
        <translation>待领取</translation>
    </message>
    <message>
        <source>(no business name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>{number}  {name}  due {due}</source>
        <translation>{number}  {name}  期限 {due}</translation>
    </message>
    <message>
        <source>[overdue]</source>
        <translation>[已逾期]</translation>
    </message>
</context>
<context>
    <name>PortraitCaptureDialog</name>
    <message>
        <source>Portrait capture</source>
        <translation>人像采集</translation>
    </message>
    <message>
        <source>On-site portrait</source>
        <translation>经营者现场人像</translation>
    </message>
    <message>
        <source>Ask the applicant to sit straight in front of the camera, in front of a plain light background, without a hat. The photo is taken automatically once every check has passed for a moment.</source>
        <translation>请申请人摘下帽子，在浅色纯色背景前正对镜头坐好。所有检查连续通过片刻后将自动拍照。</translation>
    </message>
    <message>
        <source>Capture now (Space)</source>
        <translation>立即拍摄（空格）</translation>
    </message>
    <message>
        <source>Manual capture is always possible; if a check fails you will be asked for a reason, which is recorded.</source>
        <translation>随时可以手动拍摄；若有检查未通过，需要填写原因并记录。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>ID photo</source>
        <translation>证件照</translation>
    </message>
    <message>
        <source>Check the photo</source>
        <translation>请确认照片</translation>
    </message>
    <message>
        <source>Cut to the ID-photo format (358 × 441 pixels), background kept.</source>
        <translation>已按证件照规格裁剪（358 × 441 像素），保留背景。</translation>
    </message>
    <message>
        <source>&amp;Use this photo</source>
        <translation>使用此照片(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Retake</source>
        <translation>重拍(&amp;R)</translation>
    </message>
    <message>
        <source>The video has ended; capture the last frame or cancel.</source>
        <translation>视频已结束：可拍摄最后一帧，或取消。</translation>
    </message>
    <message>
        <source>Manual capture, reason recorded: {reason}</source>
        <translation>手动拍摄，已记录原因：{reason}</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>全部检查通过。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>PortraitPreview</name>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <source>Auto capture</source>
        <translation>自动拍摄</translation>
    </message>
</context>
<context>
    <name>PremisesGroup</name>
    <message>
        <source>3 Business premises</source>
        <translation>3 经营场所</translation>
    </message>
    <message>
        <source>Village, road or community</source>
        <translation>村、路或社区</translation>
    </message>
    <message>
        <source>House number and further detail</source>
        <translation>门牌号及详细地址</translation>
    </message>
    <message>
        <source>E-commerce operator</source>
        <translation>电子商务经营者</translation>
    </message>
    <message>
        <source>Platform and shop address (URL)</source>
        <translation>平台名称及网店网址</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>County / district</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <source>Township / street</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <source>Village / road / community</source>
        <translation>村（路、社区）</translation>
    </message>
    <message>
        <source>Detailed address</source>
        <translation>门牌详细地址</translation>
    </message>
    <message>
        <source>Online premises</source>
        <translation>网络经营场所</translation>
    </message>
</context>
<context>
    <name>PrintButtonRow</name>
    <message>
        <source>Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Deferral notice</source>
        <translation>容缺受理通知书</translation>
    </message>
    <message>
        <source>List of corrections</source>
        <translation>补正清单</translation>
    </message>
    <message>
        <source>Refusal notice</source>
        <translation>不予登记通知书</translation>
    </message>
    <message>
        <source>Print:</source>
        <translation>打印：</translation>
    </message>
    <message>
        <source>Correction notice</source>
        <translation>补正通知书</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Print preview — {title} — {number}</source>
        <translation>打印预览 — {title} — {number}</translation>
    </message>
    <message>
        <source>{paper} · {pages} page(s)</source>
        <translation>{paper} · 共 {pages} 页</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rendering the pages…</source>
        <translation>正在生成页面…</translation>
    </message>
    <message>
        <source>The printer could not be opened; nothing was printed.</source>
        <translation>无法打开打印机，未打印任何内容。</translation>
    </message>
    <message>
        <source>Sent {pages} page(s) to the printer.</source>
        <translation>已发送 {pages} 页到打印机。</translation>
    </message>
    <message>
        <source>The file could not be saved ({error}).</source>
        <translation>文件未能保存（{error}）。</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>PrintSettingsDialog</name>
    <message>
        <source>Print settings</source>
        <translation>打印设置</translation>
    </message>
    <message>
        <source>Receipts and pickup slips</source>
        <translation>受理回执和领取通知单</translation>
    </message>
    <message>
        <source>Notices (deferral, correction, refusal)</source>
        <translation>通知书（容缺、补正、不予登记）</translation>
    </message>
    <message>
        <source>A5 or A6 suit a slip printer; notices are normally printed on A4.</source>
        <translation>票据打印机可用 A5 或 A6；通知书一般用 A4 打印。</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Receipts and notices are printed here. Without a printer they are saved as PDF files.</source>
        <translation>受理回执和各类通知书在此打印；没有打印机时另存为 PDF 文件。</translation>
    </message>
    <message>
        <source>No printer: save as PDF</source>
        <translation>不连接打印机：另存为 PDF</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>&amp;Printer:</source>
        <translation>打印机(&amp;P)：</translation>
    </message>
    <message>
        <source>Making the test page…</source>
        <translation>正在生成测试页…</translation>
    </message>
    <message>
        <source>{pages} test page sent to {printer}. Check that it came out complete and sharp.</source>
        <translation>已向 {printer} 发送 {pages} 页测试页，请检查打印是否完整、清晰。</translation>
    </message>
    <message>
        <source>Test page saved as {path}.</source>
        <translation>测试页已保存为 {path}。</translation>
    </message>
    <message>
        <source>The test page could not be printed or saved ({error}).</source>
        <translation>测试页无法打印或保存（{error}）。</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>All townships</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>To dispatch (approved)</source>
        <translation>待寄出（已核准）</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>全部时限</translation>
    </message>
    <message>
        <source>Near the limit</source>
        <translation>临近时限</translation>
    </message>
    <message>
        <source>Past the limit</source>
        <translation>已超时限</translation>
    </message>
    <message>
        <source>Within the limit</source>
        <translation>时限内</translation>
    </message>
    <message>
        <source>Deferred items: any</source>
        <translation>容缺：全部</translation>
    </message>
    <message>
        <source>With deferred items</source>
        <translation>有容缺待补</translation>
    </message>
    <message>
        <source>Without deferred items</source>
        <translation>无容缺待补</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <source>Claim next case</source>
        <translation>领取下一件</translation>
    </message>
    <message>
        <source>Claim the free case with the least time left and open it</source>
        <translation>领取剩余时间最少的未领取案件并打开</translation>
    </message>
    <message>
        <source>Claim and open (Enter)</source>
        <translation>领取并打开（Enter）</translation>
    </message>
    <message>
        <source>No case matches the filters.</source>
        <translation>没有符合筛选条件的案件。</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>容缺</translation>
    </message>
    <message>
        <source>Open (Enter)</source>
        <translation>打开（Enter）</translation>
    </message>
    <message>
        <source>{count} case(s)</source>
        <translation>共 {count} 件</translation>
    </message>
</context>
<context>
    <name>RefuseForm</name>
    <message>
        <source>Refuse registration of case {number}</source>
        <translation>案件 {number} 不予登记</translation>
    </message>
    <message>
        <source>Refuse registration</source>
        <translation>不予登记</translation>
    </message>
    <message>
        <source>One reason per line, with the legal basis</source>
        <translation>每行一条理由，并写明法律依据</translation>
    </message>
    <message>
        <source>The refusal notice tells the applicant the remedies:</source>
        <translation>不予登记通知书将告知申请人救济途径：</translation>
    </message>
    <message>
        <source>Reasons (required)</source>
        <translation>不予登记理由（必填）</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Register this counter</source>
        <translation>登记本窗口电脑</translation>
    </message>
    <message>
        <source>The district administrator issues a one-time registration code for the township.</source>
        <translation>一次性设备登记码由区县管理员按乡镇发放。</translation>
    </message>
    <message>
        <source>e.g. 仁和镇</source>
        <translation>例如：仁和镇</translation>
    </message>
    <message>
        <source>Counter 1</source>
        <translation>1号窗口</translation>
    </message>
    <message>
        <source>Register this computer</source>
        <translation>登记本机</translation>
    </message>
    <message>
        <source>Township counter computer</source>
        <translation>乡镇窗口电脑</translation>
    </message>
    <message>
        <source>District review computer (reviewers only; the administrator makes its code with add-device-code --district)</source>
        <translation>区级审核电脑（仅供审核员登录；注册码由管理员用 add-device-code --district 生成）</translation>
    </message>
    <message>
        <source>This computer:</source>
        <translation>本机用途：</translation>
    </message>
    <message>
        <source>&amp;Township code:</source>
        <translation>乡镇代码(&amp;T)：</translation>
    </message>
    <message>
        <source>Township &amp;name:</source>
        <translation>乡镇名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Counter n&amp;ame:</source>
        <translation>窗口名称(&amp;A)：</translation>
    </message>
    <message>
        <source>Counter number (2 digits, in case numbers):</source>
        <translation>窗口编号（2 位，用于案件编号）：</translation>
    </message>
    <message>
        <source>&amp;Registration code:</source>
        <translation>设备登记码(&amp;R)：</translation>
    </message>
    <message>
        <source>Register this review computer</source>
        <translation>登记本区级审核电脑</translation>
    </message>
    <message>
        <source>The district administrator issues a one-time registration code for a district device.</source>
        <translation>一次性设备登记码由区县管理员按区级设备发放（add-device-code --district）。</translation>
    </message>
    <message>
        <source>The township code has 9 digits.</source>
        <translation>乡镇代码为 9 位数字。</translation>
    </message>
    <message>
        <source>Enter the township name and the counter name.</source>
        <translation>请填写乡镇名称和窗口名称。</translation>
    </message>
    <message>
        <source>The counter number has 2 digits.</source>
        <translation>窗口编号为 2 位数字。</translation>
    </message>
    <message>
        <source>District review computer</source>
        <translation>区级审核电脑</translation>
    </message>
    <message>
        <source>Enter the registration code.</source>
        <translation>请填写设备登记码。</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <source>This computer is registered with the district service (device {device}…).</source>
        <translation>本机已在区级审核服务登记（设备编号 {device}…）。</translation>
    </message>
</context>
<context>
    <name>RegisterReviewDialog</name>
    <message>
        <source>Register this computer for review</source>
        <translation>登记本机为区级审核电脑</translation>
    </message>
    <message>
        <source>This computer is not registered yet as a district review computer. Ask the district administrator for a registration code for a district device; the administrator makes it on the district server with the command below. The code can be used once and is valid for 7 days unless the administrator chose otherwise.</source>
        <translation>本机尚未登记为区级审核电脑。请向区县管理员索取“区级设备注册码”——管理员在区县服务器上运行下面的命令生成。注册码只能使用一次，默认 7 天内有效。</translation>
    </message>
    <message>
        <source>&amp;Registration code:</source>
        <translation>注册码(&amp;R)：</translation>
    </message>
    <message>
        <source>Register and continue</source>
        <translation>登记并继续登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the registration code from the district administrator.</source>
        <translation>请输入区县管理员提供的注册码。</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>正在登记…</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Sign in with a clerk account of this township: the district gives the backup&apos;s key only to it.</source>
        <translation>请用本乡镇的窗口受理员账号登录：区级服务只向本乡镇的受理员提供备份密钥。</translation>
    </message>
    <message>
        <source>The backup file (.cbak) of the replaced computer</source>
        <translation>被替换电脑的备份文件（.cbak）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>备份文件：</translation>
    </message>
    <message>
        <source>Clerk &amp;account:</source>
        <translation>受理员账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>Backup files (*.cbak);;All files (*)</source>
        <translation>备份文件 (*.cbak);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the backup file.</source>
        <translation>请选择备份文件。</translation>
    </message>
    <message>
        <source>Enter the clerk account and password.</source>
        <translation>请填写受理员账号和密码。</translation>
    </message>
    <message>
        <source>Fetching the key from the district and restoring…</source>
        <translation>正在从区级服务取回密钥并恢复…</translation>
    </message>
    <message>
        <source>Restored: {cases} cases ({unsynced} still to be sent to the district, they go after the start), {images} image files; backup of {created}.</source>
        <translation>已恢复：{cases} 个案件（其中 {unsynced} 个尚未送达区级，启动后自动上传），{images} 个图片文件；备份时间 {created}。</translation>
    </message>
</context>
<context>
    <name>ReturnForm</name>
    <message>
        <source>Return case {number} for correction</source>
        <translation>案件 {number} 退回补正</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>退回补正</translation>
    </message>
    <message>
        <source>List every correction. Each item points at a field or a document and goes back to the counter beside it.</source>
        <translation>请逐项列出需补正的内容。每一项指向一个字段或一份材料，退回后在乡镇窗口显示在对应位置旁。</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加一项</translation>
    </message>
    <message>
        <source>Overall note (optional)</source>
        <translation>总体说明（可选）</translation>
    </message>
    <message>
        <source>Every item needs a field or document and a standard phrase.</source>
        <translation>每一项都需要选择字段或材料以及标准用语。</translation>
    </message>
    <message>
        <source>An item with the phrase &quot;other&quot; needs an explanation.</source>
        <translation>选择“其他”用语的项目必须填写说明。</translation>
    </message>
</context>
<context>
    <name>ReturnItemRow</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Explanation for the clerk and the applicant</source>
        <translation>给受理员和申请人的说明</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>{days} working day(s) overdue</source>
        <translation>超期 {days} 个工作日</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>{days} working day(s) left</source>
        <translation>剩余 {days} 个工作日</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Committed limit</source>
        <translation>承诺期限</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Deferred (容缺)</source>
        <translation>容缺</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>领取人</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source> (extended)</source>
        <translation>（已延期）</translation>
    </message>
    <message>
        <source>Legal limit: {date}</source>
        <translation>法定期限：{date}</translation>
    </message>
    <message>
        <source>{count} outstanding</source>
        <translation>{count} 项待补</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>District review — {name}</source>
        <translation>区级审核 — {name}</translation>
    </message>
    <message>
        <source>Reviewer: {name}</source>
        <translation>审核员：{name}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Claim next case</source>
        <translation>领取下一件</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>Images {done}/{total}</source>
        <translation>图像 {done}/{total}</translation>
    </message>
    <message>
        <source>Loading the queue…</source>
        <translation>正在加载审核队列…</translation>
    </message>
    <message>
        <source>Claiming and opening the case…</source>
        <translation>正在领取并打开案件…</translation>
    </message>
    <message>
        <source>Claiming the next case…</source>
        <translation>正在领取下一件…</translation>
    </message>
    <message>
        <source>The queue has no case left to claim.</source>
        <translation>队列中已没有可领取的案件。</translation>
    </message>
    <message>
        <source>Reading the personal data…</source>
        <translation>正在读取个人信息…</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <source>Case {number} approved: unified social credit code {uscc}, licence number {licence}.</source>
        <translation>案件 {number} 已核准：统一社会信用代码 {uscc}，执照编号 {licence}。</translation>
    </message>
    <message>
        <source>Case {number} returned to the counter for correction.</source>
        <translation>案件 {number} 已退回乡镇窗口补正。</translation>
    </message>
    <message>
        <source>Case {number}: registration refused. Remedies stated: {remedies}</source>
        <translation>案件 {number} 不予登记。已告知救济途径：{remedies}</translation>
    </message>
</context>
<context>
    <name>ScopeGroup</name>
    <message>
        <source>5 Business scope</source>
        <translation>5 经营范围</translation>
    </message>
    <message>
        <source>Search by name or pinyin initials, e.g. xs</source>
        <translation>输入名称或拼音首字母搜索，例如 xs</translation>
    </message>
    <message>
        <source>Add selected item</source>
        <translation>添加选中项</translation>
    </message>
    <message>
        <source>Find item</source>
        <translation>查找条目</translation>
    </message>
    <message>
        <source>Chosen items</source>
        <translation>已选条目</translation>
    </message>
    <message>
        <source>[Licensed] {name}</source>
        <translation>【许可】{name}</translation>
    </message>
</context>
<context>
    <name>ScopeItemRow</name>
    <message>
        <source>{id} (not in the catalogue)</source>
        <translation>{id}（目录中无此项）</translation>
    </message>
    <message>
        <source>Licensed</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Approval required: {document}</source>
        <translation>须提交批准文件：{document}</translation>
    </message>
    <message>
        <source>Approval document</source>
        <translation>许可文件名称</translation>
    </message>
    <message>
        <source>Approval number</source>
        <translation>许可文件编号</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>发证机关</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sole proprietor registration — sign in</source>
        <translation>个体工商户登记 — 登录</translation>
    </message>
    <message>
        <source>Sole proprietor registration · Counter sign-in</source>
        <translation>个体工商户登记 · 窗口登录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Checking the connection to the district service…</source>
        <translation>正在检查与区级审核服务的连接…</translation>
    </message>
    <message>
        <source>Demo accounts (demo mode only): counter clerk demo-clerk / demo1234, district reviewer demo-reviewer / demo1234</source>
        <translation>演示账号（仅限演示模式）：窗口受理员 demo-clerk / demo1234，区级审核员 demo-reviewer / demo1234</translation>
    </message>
    <message>
        <source>{user}&apos;s work is saved. Sign in as the next user.</source>
        <translation>{user} 的工作已保存。请下一位用户登录。</translation>
    </message>
    <message>
        <source>Sign-in stopped: this computer is not registered for review yet. Sign in again when you have the registration code from the district administrator.</source>
        <translation>未能登录：本机尚未登记为区级审核电脑。拿到区县管理员提供的注册码后请重新登录。</translation>
    </message>
    <message>
        <source>Online: the district service answers</source>
        <translation>在线：区级审核服务可以连接</translation>
    </message>
    <message>
        <source>Offline: the district service cannot be reached. Only clerks who signed in online on this computer recently can sign in.</source>
        <translation>离线：无法连接区级审核服务。仅近期曾在本机联网登录过的窗口受理员可以离线登录。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the mouse or pen</source>
        <translation>请用鼠标或手写笔在此签名</translation>
    </message>
</context>
<context>
    <name>SlotRow</name>
    <message>
        <source>Page {number}</source>
        <translation>第 {number} 页</translation>
    </message>
    <message>
        <source>Kept despite failed checks: {reason}</source>
        <translation>未通过检查但已保留，原因：{reason}</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>删除页</translation>
    </message>
    <message>
        <source>Send to district</source>
        <translation>补交区级</translation>
    </message>
    <message>
        <source>Sending to district…</source>
        <translation>正在补交区级…</translation>
    </message>
    <message>
        <source>✓ Supplied to district</source>
        <translation>✓ 已补交区级</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新补交</translation>
    </message>
    <message>
        <source>✓ Correction dealt with: {text}</source>
        <translation>✓ 补正已处理：{text}</translation>
    </message>
    <message>
        <source>⚠ To correct: {text}</source>
        <translation>⚠ 需补正：{text}</translation>
    </message>
    <message>
        <source>✓ Captured</source>
        <translation>✓ 已采集</translation>
    </message>
    <message>
        <source>✗ Missing</source>
        <translation>✗ 缺少</translation>
    </message>
    <message>
        <source>✗ One of</source>
        <translation>✗ 任选其一</translation>
    </message>
    <message>
        <source>Deferrable</source>
        <translation>容缺可缓交</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必需</translation>
    </message>
    <message>
        <source>deferrable: may be supplied later</source>
        <translation>可容缺：可以后补交</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>several pages possible</source>
        <translation>可多页</translation>
    </message>
    <message>
        <source>{count} page(s) captured</source>
        <translation>已采集 {count} 页</translation>
    </message>
    <message>
        <source>Take portrait</source>
        <translation>拍摄人像</translation>
    </message>
    <message>
        <source>Add page</source>
        <translation>添加页</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>拍摄</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send waiting cases and fetch the district&apos;s decisions now</source>
        <translation>立即发送待上传案件并获取区级审核结果</translation>
    </message>
    <message>
        <source>Sync is off</source>
        <translation>同步未启用</translation>
    </message>
    <message>
        <source>Sync needs attention</source>
        <translation>同步需处理</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>尚未连接</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>{count} waiting, {size} to send</source>
        <translation>{count} 件待上传，剩余 {size}</translation>
    </message>
    <message>
        <source>{count} need attention</source>
        <translation>{count} 件需处理</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Hide until the next start</source>
        <translation>隐藏（下次启动时再提示）</translation>
    </message>
    <message>
        <source>Update required</source>
        <translation>需要更新程序</translation>
    </message>
</context>
</TS>
