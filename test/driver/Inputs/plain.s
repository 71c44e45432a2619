# An ordinary assembly file (not preprocessed): driver/assembly-input.test.
	.text
	.globl	answer
	.type	answer,@function
answer:
	movl	$42, %eax
	retq
	.size	answer, .-answer
	.section	.note.GNU-stack,"",@progbits
